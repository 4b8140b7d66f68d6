package dev.herald.auth.internal;

import java.util.Map;

/** Header lookup by case-insensitive name, since receivers' frameworks disagree on the case they hand over. */
public final class HeaderLookup {
    private HeaderLookup() {}

    /** The value of the header, or {@code null} when absent. */
    public static String get(Map<String, String> headers, String name) {
        String exact = headers.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
