package dev.herald.auth.internal;

import java.nio.charset.StandardCharsets;

/**
 * Lower-case hex of a digest behind an ASCII prefix, built as one string: signing runs for every attempt, and a
 * hex string plus a concatenation cost a third of the HMAC of a small body.
 */
final class HexText {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private HexText() {}

    /** {@code prefix} followed by the hex of {@code bytes}; the prefix must be ASCII. */
    static String prefixed(String prefix, byte[] bytes) {
        int p = prefix.length();
        byte[] text = new byte[p + bytes.length * 2];
        for (int i = 0; i < p; i++) {
            text[i] = (byte) prefix.charAt(i);
        }
        for (int i = 0, at = p; i < bytes.length; i++, at += 2) {
            text[at] = DIGITS[(bytes[i] >> 4) & 0xF];
            text[at + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }
}
