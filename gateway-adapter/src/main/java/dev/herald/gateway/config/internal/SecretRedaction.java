package dev.herald.gateway.config.internal;

import dev.herald.core.endpoint.UrlMasking;
import dev.herald.gateway.config.LoadedPluginConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A copy of the plugin entry fit to leave the process: the external-plugin server hands it to the gateway, which
 * logs and displays it. Every secret becomes {@link LoadedPluginConfig#REDACTED}, wherever it appears, and every
 * {@code url} shows no more than {@link UrlMasking} lets it.
 */
public final class SecretRedaction {
    /** The keys that hold secrets: authentication's, and the store's database password. */
    static final Set<String> SECRET_KEYS = Set.of("token", "api_key", "hmac_secret", "secret", "secrets",
            "password");
    // Extra headers are free-form, and an Authorization or X-Api-Key among them is as secret as a token.
    private static final Pattern SECRET_HEADER = Pattern.compile(
            ".*(auth|token|secret|key|password|cookie|signature|session).*");

    /**
     * A webhook's {@code url} and the store's: a webhook URL's path and query may be its credential and a
     * database URL's parameters may hold its password, so both are masked as {@code check} shows them.
     */
    private static final String URL_KEY = "url";

    private SecretRedaction() {}

    /** A deep, unmodifiable copy with every secret masked. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> redact(Map<String, Object> entry) {
        return (Map<String, Object>) copy(entry, false, secret -> { });
    }

    /** Every string the entry holds as a secret, or in a list of secrets. */
    public static Set<String> secretsIn(Map<String, Object> entry) {
        Set<String> found = new HashSet<>();
        copy(entry, false, secret -> {
            if (secret instanceof List<?> l) {
                l.forEach(v -> collect(v, found));
            } else {
                collect(secret, found);
            }
        });
        return found;
    }

    private static void collect(Object value, Set<String> found) {
        if (value instanceof String s) {
            found.add(s);
        }
    }

    private static Object copy(Object value, boolean inHeaders, Consumer<Object> secrets) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                String key = String.valueOf(k);
                boolean secret = inHeaders ? SECRET_HEADER.matcher(key.toLowerCase(Locale.ROOT)).matches()
                        : SECRET_KEYS.contains(key);
                if (secret) {
                    secrets.accept(v);
                }
                Object copied;
                if (secret) {
                    copied = mask(v);
                } else if (!inHeaders && key.equals(URL_KEY) && v instanceof String url) {
                    copied = UrlMasking.any(url);
                } else {
                    copied = copy(v, !inHeaders && key.equals("headers"), secrets);
                }
                out.put(key, copied);
            });
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(copy(v, false, secrets)));
            return Collections.unmodifiableList(out);
        }
        return value;
    }

    private static Object mask(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> l) {
            // Keep the shape: a rotation list stays a list, of masks.
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(LoadedPluginConfig.REDACTED));
            return Collections.unmodifiableList(out);
        }
        return LoadedPluginConfig.REDACTED;
    }
}
