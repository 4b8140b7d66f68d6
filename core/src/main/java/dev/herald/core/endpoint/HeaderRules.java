package dev.herald.core.endpoint;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules a header must follow to be sent: a token name (RFC 9110) and a value with no CR, LF or NUL, so that
 * neither config nor events can split a request or inject a header; and, for a header from config, a name that is
 * not one of the {@linkplain #isReserved reserved} ones the transport sets itself, nor the {@linkplain #DELIVERY_ID
 * delivery id} the dispatcher sets.
 */
public final class HeaderRules {
    private static final int MAX_ECHOED = 64;
    /** Framing and connection headers (RFC 9110 7.6.1, 8.6, 9112 6.1): only the transport knows their values. */
    private static final Set<String> RESERVED = caseInsensitive("host", "content-length", "transfer-encoding",
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "expect");

    /**
     * The delivery id header: the dispatcher sends it on every attempt of every delivery, whatever the signing, so
     * that receivers can de-duplicate; config cannot set it, nor a signer change it.
     */
    public static final String DELIVERY_ID = "webhook-id";

    private HeaderRules() {}

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSet(set);
    }

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

    /**
     * Whether the transport sets this header itself, from the body and the connection: a configured
     * {@code Content-Length} or {@code Transfer-Encoding} would let config smuggle a second request, a {@code Host}
     * would misroute it. Names are matched ignoring case.
     */
    public static boolean isReserved(String name) {
        // Case-insensitive without a lower-cased copy: the transport asks for every header of every request.
        return RESERVED.contains(name);
    }

    /**
     * Checks the name of a header that config asks for: valid, not {@linkplain #isReserved reserved} and not the
     * {@linkplain #DELIVERY_ID delivery id}; {@code where} names the config key in the error.
     */
    public static void requireConfigurableName(String name, String where) {
        requireValidName(name, where);
        if (isReserved(name)) {
            throw new IllegalArgumentException(where + ": '" + name + "' is set by the transport itself and cannot"
                    + " be configured (nor can Host, Content-Length, Transfer-Encoding, Connection, Keep-Alive,"
                    + " Proxy-Connection, TE, Trailer, Upgrade or Expect)");
        }
        if (DELIVERY_ID.equalsIgnoreCase(name)) {
            throw new IllegalArgumentException(where + ": '" + name + "' is the delivery id, which Herald sends on"
                    + " every delivery itself (the same on every attempt, for receivers to de-duplicate); it cannot"
                    + " be configured");
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

    /** Control characters escaped and cut to a readable length: a name comes from config, and may be anything. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < MAX_ECHOED; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return s.length() > MAX_ECHOED ? sb + "..." : sb.toString();
    }
}
