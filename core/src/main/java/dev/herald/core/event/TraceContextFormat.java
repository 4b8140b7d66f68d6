package dev.herald.core.event;

import java.util.regex.Pattern;

/** The light checks of a W3C trace context that comes from outside. */
final class TraceContextFormat {
    private static final Pattern PARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String ZERO_TRACE = "00000000000000000000000000000000";
    private static final String ZERO_SPAN = "0000000000000000";
    private static final int MAX_STATE = 512;

    private TraceContextFormat() {}

    static String validParent(String value) {
        if (value == null || !PARENT.matcher(value).matches()) {
            return null;
        }
        // W3C: an all-zero trace or parent id is invalid.
        if (value.regionMatches(3, ZERO_TRACE, 0, 32) || value.regionMatches(36, ZERO_SPAN, 0, 16)) {
            return null;
        }
        return value;
    }

    static String validState(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_STATE) {
            return null;
        }
        // Printable ASCII only: it may become a request header.
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? value : null;
    }
}
