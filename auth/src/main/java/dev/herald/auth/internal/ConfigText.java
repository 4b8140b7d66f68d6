package dev.herald.auth.internal;

/**
 * Echoes config text (type names, setting names, algorithm names) in error messages; never used on secrets.
 * Control characters are escaped so that a hostile config cannot forge extra log lines through an error message.
 */
public final class ConfigText {
    private static final int MAX_ECHOED = 64;

    private ConfigText() {}

    /** The text between single quotes, made printable. */
    public static String quote(Object text) {
        return "'" + printable(text) + "'";
    }

    /** The text with control characters escaped, cut to a readable length. */
    public static String printable(Object text) {
        String s = String.valueOf(text);
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_ECHOED) + 3);
        for (int i = 0; i < s.length() && i < MAX_ECHOED; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > MAX_ECHOED) {
            sb.append("...");
        }
        return sb.toString();
    }
}
