package dev.herald.auth.internal;

import dev.herald.core.endpoint.AuthSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed, validated reads of an authentication block's settings. Every error names the key relative to the
 * block ({@code authentication.token}) and never quotes a value, since most values here are secrets.
 *
 * <p>Keys of other types are accepted and ignored because the seed's model puts every field on every type; a key
 * no type knows is refused, since it is almost always a typo that would otherwise silently disable a setting.
 */
public final class AuthSettings {
    /** Every key any type reads; {@code type} is allowed in case a caller passes the whole block. */
    static final Set<String> KNOWN_KEYS = Set.of("type", "token", "api_key", "api_key_header", "hmac_secret",
            "hmac_algorithm", "hmac_header", "secret", "secrets");

    private static final String PREFIX = "authentication.";

    private final String type;
    private final Map<String, Object> settings;

    private AuthSettings(String type, Map<String, Object> settings) {
        this.type = type;
        this.settings = settings;
    }

    /** Reads the spec's settings, refusing keys that no type knows. */
    public static AuthSettings of(AuthSpec spec) {
        for (String key : spec.settings().keySet()) {
            if (!KNOWN_KEYS.contains(key)) {
                throw new IllegalArgumentException(PREFIX + ConfigText.printable(key)
                        + ": unknown setting; known settings are " + String.join(", ", new TreeSet<>(KNOWN_KEYS)));
            }
        }
        return new AuthSettings(spec.type(), spec.settings());
    }

    /** The full config path of a key, for error messages. */
    public static String where(String key) {
        return PREFIX + key;
    }

    /** A required, non-empty string setting. */
    public String requiredString(String key) {
        return optionalString(key).orElseThrow(
                () -> new IllegalArgumentException(where(key) + ": required for type " + type));
    }

    /** A string setting, or the default when absent or null. */
    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    /** A string setting if present and not null; present but empty is an error, since it cannot be meant. */
    public Optional<String> optionalString(String key) {
        Object value = settings.get(key);
        if (value == null) {
            return Optional.empty();
        }
        String s = scalar(value, where(key));
        if (s.isEmpty()) {
            throw new IllegalArgumentException(where(key) + ": must not be empty");
        }
        return Optional.of(s);
    }

    /** A list-of-strings setting if present and not null; each element is checked like a string setting. */
    public Optional<List<String>> optionalStringList(String key) {
        Object value = settings.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Collection<?> items)) {
            throw new IllegalArgumentException(where(key) + ": must be a list of strings");
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(where(key) + ": must not be empty");
        }
        List<String> out = new ArrayList<>(items.size());
        int i = 0;
        for (Object item : items) {
            String at = where(key) + "[" + i++ + "]";
            if (item == null) {
                throw new IllegalArgumentException(at + ": must not be null");
            }
            String s = scalar(item, at);
            if (s.isEmpty()) {
                throw new IllegalArgumentException(at + ": must not be empty");
            }
            out.add(s);
        }
        return Optional.of(List.copyOf(out));
    }

    /** YAML may give a number or boolean where a string is meant (a numeric token); lists and maps are errors. */
    private static String scalar(Object value, String where) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException(where + ": must be a string");
    }
}
