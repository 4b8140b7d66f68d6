package dev.herald.transport.http.internal;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;

/** An IPv4 or IPv6 network in CIDR notation; a bare address is a network of one. */
public final class CidrRange {
    private final byte[] network;
    private final int prefixLength;

    private CidrRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code 10.0.0.0/8}, {@code fc00::/7} or a bare address. Only IP literals are accepted, so parsing
     * never touches DNS.
     *
     * @throws IllegalArgumentException with a message that names what is wrong, not the config key
     */
    public static CidrRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        if (addressPart.indexOf('%') >= 0) {
            throw new IllegalArgumentException("a scope id is not allowed");
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(addressPart);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address");
        }
        int maxPrefix = bytes.length * 8;
        int prefix = maxPrefix;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not a prefix length");
            }
            prefix = Integer.parseInt(p);
            if (prefix > maxPrefix) {
                throw new IllegalArgumentException("prefix length above " + maxPrefix);
            }
        }
        // An IPv4-mapped IPv6 range means the IPv4 range: Java hands mapped addresses over as IPv4.
        if (bytes.length == 16 && prefix >= 96 && AddressPolicy.isMappedIpv4(bytes)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
            prefix -= 96;
        }
        return new CidrRange(mask(bytes, prefix), prefix);
    }

    /** Whether the address lies in this network; an address of the other family never does. */
    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefixLength), network);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bitsHere)));
        }
        return out;
    }

    @Override
    public String toString() {
        try {
            return NetUtil.bytesToIpAddress(network) + "/" + prefixLength;
        } catch (RuntimeException e) {
            return Arrays.toString(network) + "/" + prefixLength;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CidrRange other && prefixLength == other.prefixLength
                && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }
}
