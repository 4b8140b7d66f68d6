package dev.herald.transport.http.internal;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides which addresses Herald may connect to. By default only public unicast addresses: a webhook URL comes
 * from config or tenants, and must not become a way into the host, its network or the cloud metadata service.
 * Ranges listed in {@code allowed_networks} are reachable whatever their kind.
 *
 * <p>IPv6 forms that carry an IPv4 address (mapped, compatible, SIIT, NAT64, 6to4) are judged by that IPv4
 * address, because that is where the packets end up.
 */
public final class AddressPolicy {
    private static final List<Rule> IPV4 = List.of(
            rule("0.0.0.0/8", "the unspecified address or 'this network' (0.0.0.0/8)"),
            rule("10.0.0.0/8", "a private network (10.0.0.0/8)"),
            rule("100.64.0.0/10", "carrier-grade NAT space (100.64.0.0/10)"),
            rule("127.0.0.0/8", "loopback (127.0.0.0/8)"),
            rule("169.254.169.254/32", "the cloud metadata service (169.254.169.254)"),
            rule("169.254.0.0/16", "link-local (169.254.0.0/16)"),
            rule("172.16.0.0/12", "a private network (172.16.0.0/12)"),
            rule("192.0.0.0/24", "IETF protocol assignments (192.0.0.0/24)"),
            rule("192.0.2.0/24", "documentation (192.0.2.0/24)"),
            rule("192.88.99.0/24", "6to4 relay anycast (192.88.99.0/24)"),
            rule("192.168.0.0/16", "a private network (192.168.0.0/16)"),
            rule("198.18.0.0/15", "benchmarking (198.18.0.0/15)"),
            rule("198.51.100.0/24", "documentation (198.51.100.0/24)"),
            rule("203.0.113.0/24", "documentation (203.0.113.0/24)"),
            rule("224.0.0.0/4", "multicast (224.0.0.0/4)"),
            rule("255.255.255.255/32", "broadcast (255.255.255.255)"),
            rule("240.0.0.0/4", "reserved (240.0.0.0/4)"));

    private static final List<Rule> IPV6 = List.of(
            rule("::/128", "the unspecified address (::)"),
            rule("::1/128", "loopback (::1)"),
            rule("64:ff9b:1::/48", "local-use NAT64 (64:ff9b:1::/48)"),
            rule("2001::/32", "a Teredo tunnel (2001::/32)"),
            rule("2001:db8::/32", "documentation (2001:db8::/32)"),
            rule("100::/64", "discard-only (100::/64)"),
            rule("fc00::/7", "unique-local (fc00::/7)"),
            rule("fe80::/10", "link-local (fe80::/10)"),
            rule("fec0::/10", "site-local (fec0::/10)"),
            rule("ff00::/8", "multicast (ff00::/8)"));

    private static final CidrRange GLOBAL_UNICAST_V6 = CidrRange.parse("2000::/3");
    private static final CidrRange COMPATIBLE = CidrRange.parse("::/96");
    private static final CidrRange TRANSLATED = CidrRange.parse("::ffff:0:0:0/96");
    private static final CidrRange NAT64 = CidrRange.parse("64:ff9b::/96");
    private static final CidrRange SIX_TO_FOUR = CidrRange.parse("2002::/16");

    private final List<CidrRange> allowed;

    private AddressPolicy(List<CidrRange> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** A policy that refuses every non-public address outside the given ranges. */
    public static AddressPolicy allowing(List<CidrRange> allowedNetworks) {
        return new AddressPolicy(allowedNetworks);
    }

    /** Why Herald refuses to connect to the address, or empty when it may. */
    public Optional<String> refusal(InetAddress address) {
        return refusal(address.getAddress());
    }

    private Optional<String> refusal(byte[] bytes) {
        if (isAllowed(bytes)) {
            return Optional.empty();
        }
        if (bytes.length == 4) {
            return firstMatch(IPV4, bytes);
        }
        byte[] embedded = embeddedIpv4(bytes);
        if (embedded != null) {
            return refusal(embedded).map(reason -> "it embeds " + NetUtil.bytesToIpAddress(embedded) + ", " + reason);
        }
        Optional<String> listed = firstMatch(IPV6, bytes);
        if (listed.isPresent()) {
            return listed;
        }
        if (!GLOBAL_UNICAST_V6.contains(bytes)) {
            return Optional.of("not a global unicast address (outside 2000::/3)");
        }
        return Optional.empty();
    }

    private boolean isAllowed(byte[] bytes) {
        for (CidrRange r : allowed) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> firstMatch(List<Rule> rules, byte[] bytes) {
        for (Rule r : rules) {
            if (r.range.contains(bytes)) {
                return Optional.of(r.reason);
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv6 address carries and would reach, or null. */
    private static byte[] embeddedIpv4(byte[] v6) {
        if (isMappedIpv4(v6) || TRANSLATED.contains(v6) || NAT64.contains(v6)) {
            return Arrays.copyOfRange(v6, 12, 16);
        }
        if (COMPATIBLE.contains(v6)) {
            // :: and ::1 fall in ::/96 too, but they are IPv6's own unspecified and loopback addresses.
            byte[] low = Arrays.copyOfRange(v6, 12, 16);
            boolean specialV6 = low[0] == 0 && low[1] == 0 && low[2] == 0 && (low[3] == 0 || low[3] == 1);
            return specialV6 ? null : low;
        }
        if (SIX_TO_FOUR.contains(v6)) {
            return Arrays.copyOfRange(v6, 2, 6);
        }
        return null;
    }

    static boolean isMappedIpv4(byte[] v6) {
        if (v6.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
    }

    /** The address as text, without a host name or scope, for messages. */
    public static String describe(InetAddress address) {
        return NetUtil.bytesToIpAddress(address.getAddress());
    }

    private static Rule rule(String cidr, String reason) {
        return new Rule(CidrRange.parse(cidr), reason);
    }

    private record Rule(CidrRange range, String reason) {}
}
