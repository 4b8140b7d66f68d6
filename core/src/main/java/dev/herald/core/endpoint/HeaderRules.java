package dev.herald.core.endpoint;

/**
 * The rules a header must follow to be sent: a token name (RFC 9110) and a value with no CR, LF or NUL, so that
 * neither config nor events can split a request or inject a header.
 */
public final class HeaderRules {
    private HeaderRules() {}

    /** Checks a header name; {@code where} names the config key in the error. */
    public static void requireValidName(String name, String where) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(where + ": header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException(where + ": header name '" + printable(name)
                        + "' has a character not allowed in a header name at position " + i);
            }
        }
    }

    /** Checks a header value; {@code where} names the config key in the error, never the value itself. */
    public static void requireValidValue(String value, String where) {
        if (value == null) {
            throw new IllegalArgumentException(where + ": header value must not be null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException(where + ": header value has a control character (CR, LF or"
                        + " other) at position " + i);
            }
        }
    }

    private static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
