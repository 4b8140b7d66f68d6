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
        int beforeType = problems.count();
        String type = auth.string("type", "none");
        if (problems.count() != beforeType) {
            // Unreadable: which keys belong to it is unknown, and saying they belong to none would be a second error.
            type = null;
        }
        if (type != null && !AuthSignerFactory.TYPES.contains(type)) {
            problems.add(auth.path("type"), "unknown type " + auth.describe(auth.path("type"), type) + "; known: "
                    + String.join(", ", AuthSignerFactory.TYPES) + Suggestions.hint(type, AuthSignerFactory.TYPES));
        }
        List<String> ownKeys = type == null ? null : KnownKeys.AUTH_BY_TYPE.get(type);
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String key : auth.keys()) {
            if (!key.equals("type") && KEYS.contains(key)) {
                Object value = auth.raw(key);
                if (ownKeys != null && value != null && !ownKeys.contains(key)) {
                    // The seed ignored them; a token under type none is a webhook the user believes is signed.
                    problems.add(auth.path(key), "not a key of type " + type + " (it is "
                            + String.join(" or ", typesOf(key)) + "'s)" + (ownKeys.isEmpty()
                                    ? "; type " + type + " takes no other key"
                                    : "; type " + type + " takes " + String.join(", ", ownKeys)));
                } else if (isTextOrTexts(key, value)) {
                    if (isBlankSecret(key, value)) {
                        problems.add(auth.path(key), "must not be blank (whitespace only)");
                    }
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

    private static List<String> typesOf(String key) {
        return KnownKeys.AUTH_BY_TYPE.entrySet().stream().filter(e -> e.getValue().contains(key))
                .map(Map.Entry::getKey).toList();
    }

    /** A secret of only spaces would sign or authenticate with nothing a receiver could tell from a typo. */
    private static boolean isBlankSecret(String key, Object value) {
        if (!SecretRedaction.SECRET_KEYS.contains(key)) {
            return false;
        }
        if (value instanceof String s) {
            return !s.isEmpty() && s.isBlank();
        }
        return value instanceof List<?> l && l.stream().anyMatch(v -> v instanceof String s
                && !s.isEmpty() && s.isBlank());
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
