package dev.herald.core.endpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an endpoint authenticates its requests, as configured: a type ({@code none}, {@code bearer},
 * {@code api_key}, {@code hmac}, {@code standard_webhooks}, or one of a custom signer) and its settings.
 *
 * <p>The core only carries this; a {@link dev.herald.core.signing.SignerFactory} turns it into a signer at
 * start-up. Settings hold secrets, so {@link #toString()} shows the type and the setting names only.
 */
public final class AuthSpec {
    /** No authentication at all. */
    public static final AuthSpec NONE = new AuthSpec("none", Map.of());

    private final String type;
    private final Map<String, Object> settings;

    private AuthSpec(String type, Map<String, ?> settings) {
        this.type = Objects.requireNonNull(type, "authentication.type");
        Map<String, Object> copy = new LinkedHashMap<>();
        settings.forEach((k, v) -> copy.put(k, v instanceof List<?> l ? List.copyOf(l) : v));
        this.settings = Collections.unmodifiableMap(copy);
    }

    /** An authentication of the given type and settings (strings, numbers, booleans, lists of strings). */
    public static AuthSpec of(String type, Map<String, ?> settings) {
        return new AuthSpec(type, settings == null ? Map.of() : settings);
    }

    public String type() {
        return type;
    }

    /** Every setting, secrets included: never log this map. */
    public Map<String, Object> settings() {
        return settings;
    }

    /** A setting as a string, if present and not null. */
    public Optional<String> string(String key) {
        Object v = settings.get(key);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthSpec a && a.type.equals(type) && a.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, settings);
    }

    @Override
    public String toString() {
        return "AuthSpec[type=" + type + ", settings=" + settings.keySet() + "]";
    }
}
