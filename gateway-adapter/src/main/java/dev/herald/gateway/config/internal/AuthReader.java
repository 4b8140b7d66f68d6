package dev.herald.gateway.config.internal;

import dev.herald.auth.AuthSignerFactory;
import dev.herald.core.endpoint.AuthSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a webhook's {@code authentication} block and checks it with the signer factory that will use it, so a
 * missing secret or an unknown algorithm fails at load time with its path.
 *
 * <p>Values here are secrets: messages say what kind of value was found, never the value.
 */
final class AuthReader {
    private static final List<String> KEYS = KnownKeys.AUTH;
    private static final AuthSignerFactory SIGNERS = new AuthSignerFactory();

    private AuthReader() {}

    /** The authentication, or {@link AuthSpec#NONE} when absent; null when it is invalid. */
    static AuthSpec read(Fields webhook) {
        if (!webhook.has("authentication")) {
            return AuthSpec.NONE;
        }
        Problems problems = webhook.problems();
        int before = problems.count();
        Fields auth = Fields.of(webhook.raw("authentication"), webhook.path("authentication"), problems).orElse(null);
        if (auth == null) {
            return null;
        }
        auth.rejectUnknown(KEYS);
        String type = auth.string("type", "none");
        if (type != null && !AuthSignerFactory.TYPES.contains(type)) {
            problems.add(auth.path("type"), "unknown type " + auth.describe(auth.path("type"), type) + "; known: "
                    + String.join(", ", AuthSignerFactory.TYPES) + Suggestions.hint(type, AuthSignerFactory.TYPES));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String key : auth.keys()) {
            if (!key.equals("type") && KEYS.contains(key)) {
                Object value = auth.raw(key);
                if (isTextOrTexts(key, value)) {
                    settings.put(key, value);
                } else {
                    problems.add(auth.path(key), "expected " + (key.equals("secrets") ? "a list of strings"
                            : "a string") + ", got " + Values.kind(value)
                            + (value instanceof Number || value instanceof Boolean ? " (quote it)" : ""));
                }
            }
        }
        if (problems.count() != before) {
            return null;
        }
        AuthSpec spec = AuthSpec.of(type, settings);
        try {
            SIGNERS.create(spec);
        } catch (IllegalArgumentException e) {
            // The factory names keys as authentication.x and never quotes a secret.
            problems.addRelative(webhook.path(), e.getMessage());
            return null;
        }
        return spec;
    }

    /**
     * Strings only: YAML reads an unquoted {@code 0123} as the number 83, which must not become a different secret.
     * Null is allowed where the seed's model has optional settings.
     */
    private static boolean isTextOrTexts(String key, Object value) {
        if (value == null || value instanceof String) {
            return true;
        }
        return key.equals("secrets") && value instanceof List<?> l && l.stream().allMatch(v -> v instanceof String);
    }
}
