package dev.herald.transport.http.internal;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * What a URL's host is as an address, decided from its text alone, before any lookup.
 *
 * <p>Browsers, curl and the C library read {@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.0.0.1} and
 * {@code 127.1} as 127.0.0.1 (the WHATWG URL standard's IPv4 parser); netty reads only four decimal numbers
 * and would look the others up as names, and Java's {@code URI} does not even see a host in some of them. Such a
 * host is never a name to look up: it is an address in a {@linkplain #standard() non-standard notation}, judged
 * as the address a browser would reach, and never connected to. IPv6 literals netty cannot read (a NAT64 prefix
 * with a dotted IPv4 tail) are read by the JDK, which never looks a bracketed literal up either.
 */
public final class HostLiteral {
    private final String host;
    private final InetAddress address;
    private final boolean standard;

    private HostLiteral(String host, InetAddress address, boolean standard) {
        this.host = host;
        this.address = address;
        this.standard = standard;
    }

    /**
     * Reads the URL's host.
     *
     * @throws IllegalArgumentException when the host is neither a host name nor an address in any notation; the
     *     message names the host, never the rest of the URL
     */
    public static HostLiteral of(URI url) {
        String host = hostOf(url);
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the URL names no host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return new HostLiteral(host, ipv6(host), true);
        }
        byte[] ipv4 = Ipv4Notation.parse(host);
        if (ipv4 != null) {
            return new HostLiteral(host, toAddress(ipv4), NetUtil.bytesToIpAddress(ipv4).equals(host));
        }
        if (Ipv4Notation.endsInNumber(host)) {
            throw new IllegalArgumentException("host '" + host + "' ends in a number but is not an IPv4 address");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("host '" + host + "' is not a valid host name");
        }
        return new HostLiteral(host, null, true);
    }

    /** The host as the URL writes it, brackets included for IPv6. */
    public String host() {
        return host;
    }

    /** The address the host is, when it is an address in any notation; empty for a host name. */
    public Optional<InetAddress> address() {
        return Optional.ofNullable(address);
    }

    /**
     * Whether the host is a host name, or an address written as every parser reads it (four decimal numbers
     * without leading zeros, or an IPv6 literal).
     */
    public boolean standard() {
        return standard;
    }

    private static InetAddress ipv6(String bracketed) {
        String inner = bracketed.substring(1, bracketed.length() - 1);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(inner);
        if (bytes != null) {
            return toAddress(bytes);
        }
        int zone = inner.indexOf('%');
        try {
            // A bracketed literal is never looked up: the JDK parses it or refuses it.
            return InetAddress.getByName("[" + (zone < 0 ? inner : inner.substring(0, zone)) + "]");
        } catch (UnknownHostException e) {
            // Java's URI already refuses what neither netty nor the JDK reads; this guards hand-made URIs.
            throw new IllegalArgumentException("host '" + bracketed + "' is not a valid IPv6 address");
        }
    }

    private static InetAddress toAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an IP address of " + bytes.length + " bytes", e);
        }
    }

    /**
     * The URL's host, also when Java's URI reads the authority as registry-based ({@code 127.1},
     * {@code 0x7f.0.0.1}) and gives no host: then the authority without user info and port. Null when there is
     * no authority.
     */
    public static String hostOf(URI url) {
        if (url.getHost() != null) {
            return url.getHost();
        }
        String authority = url.getRawAuthority();
        if (authority == null) {
            return null;
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostAndPort.lastIndexOf(':');
        boolean port = colon >= 0 && hostAndPort.indexOf(']') < colon
                && hostAndPort.substring(colon + 1).chars().allMatch(c -> c >= '0' && c <= '9');
        return port ? hostAndPort.substring(0, colon) : hostAndPort;
    }
}
