package dev.herald.transport.http.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The WHATWG URL standard's IPv4 parser, which browsers and curl follow and the C library's {@code inet_aton}
 * matches: one to four parts, each decimal, octal (a leading {@code 0}) or hexadecimal ({@code 0x}), the last
 * filling the bytes that remain, and one trailing dot allowed.
 */
final class Ipv4Notation {
    /** Any value beyond 32 bits; kept finite so that accumulating digits cannot overflow. */
    private static final long TOO_LARGE = 1L << 40;

    private Ipv4Notation() {}

    /** The four bytes the host stands for, or null when it is not an IPv4 address in any notation. */
    static byte[] parse(String host) {
        List<String> parts = parts(host);
        if (parts.isEmpty() || parts.size() > 4) {
            return null;
        }
        long[] numbers = new long[parts.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = number(parts.get(i));
            if (numbers[i] < 0) {
                return null;
            }
        }
        for (int i = 0; i < numbers.length - 1; i++) {
            if (numbers[i] > 255) {
                return null;
            }
        }
        long last = numbers[numbers.length - 1];
        if (last >= 1L << (8 * (5 - numbers.length))) {
            return null;
        }
        long value = last;
        for (int i = 0; i < numbers.length - 1; i++) {
            value += numbers[i] << (8 * (3 - i));
        }
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /**
     * Whether the host's last label is a number: such a host is an IPv4 address or invalid, never a name, to a
     * browser.
     */
    static boolean endsInNumber(String host) {
        List<String> parts = parts(host);
        if (parts.isEmpty()) {
            return false;
        }
        String last = parts.get(parts.size() - 1);
        if (last.isEmpty()) {
            return false;
        }
        return last.chars().allMatch(c -> c >= '0' && c <= '9') || number(last) >= 0;
    }

    private static List<String> parts(String host) {
        List<String> parts = new ArrayList<>(Arrays.asList(host.split("\\.", -1)));
        if (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    /** The part's value, {@link #TOO_LARGE} beyond 32 bits, or -1 when it is not a number. */
    private static long number(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() >= 2 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = asciiDigit(digits.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            value = Math.min(TOO_LARGE, value * radix + d);
        }
        return value;
    }

    /** Only ASCII: {@link Character#digit} would also read other scripts' digits. */
    private static int asciiDigit(char c, int radix) {
        int d = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        return d < radix ? d : -1;
    }
}
