package dev.herald.auth;

import dev.herald.auth.internal.BuiltInSigningTypes;
import dev.herald.auth.internal.ConfigText;
import dev.herald.auth.internal.NearestNames;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.signing.RequestSigner;
import dev.herald.core.signing.SignerFactory;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns an endpoint's {@code authentication} block into a signer by handing it to the factory registered for
 * its type, so that a bad config fails at start-up rather than on the first delivery.
 *
 * <p>Built-in types and their settings:
 * <ul>
 *   <li>{@code none}: no header.
 *   <li>{@code bearer}: {@code token} (required) gives {@code Authorization: Bearer <token>}.
 *   <li>{@code api_key}: {@code api_key} (required) sent in {@code api_key_header} (default {@code X-API-Key}).
 *   <li>{@code hmac}, the seed's scheme: {@code hmac_secret} (required), {@code hmac_algorithm} ({@code sha256}
 *       by default, {@code sha384}, {@code sha512}, or {@code sha1} for legacy receivers), {@code hmac_header}
 *       (default {@code X-Signature}); the header is {@code <algorithm>=<hex HMAC of the body>}. Unlike the
 *       seed, an unknown algorithm is an error rather than a silent SHA-256.
 *   <li>{@code standard_webhooks}: {@code secret}, or {@code secrets} (a list, for rotation), each
 *       {@code whsec_<base64>} (HMAC-SHA256, {@code v1}) or {@code whsk_<base64>} (Ed25519, {@code v1a}); adds
 *       {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}.
 * </ul>
 * A built-in type ignores the settings of other built-in types, as in the seed's model, and refuses a setting no
 * built-in type knows. Further types join through {@link SigningModule#signingTypes}; a type's factory receives
 * the whole block and validates its own settings. An unknown type is refused with the known ones, nearest first.
 * Errors are {@link IllegalArgumentException}s whose message names the key ({@code authentication.token:
 * required for type bearer}) and never a secret. Signers are thread-safe and precompute their keys.
 */
public final class AuthSignerFactory implements SignerFactory {
    /** The built-in types, in the order the docs list them. */
    public static final List<String> TYPES = List.of("none", "bearer", "api_key", "hmac", "standard_webhooks");

    private final Map<String, SignerFactory> types;

    /** A factory that knows the built-in types only. */
    public AuthSignerFactory() {
        this(BuiltInSigningTypes.all());
    }

    /** A factory that knows exactly the given types, each by its name (as {@link SigningModule} registers them). */
    @Inject
    public AuthSignerFactory(Map<String, SignerFactory> types) {
        this.types = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(types, "types")));
    }

    @Override
    public RequestSigner create(AuthSpec spec) {
        Objects.requireNonNull(spec, "authentication");
        SignerFactory type = types.get(spec.type());
        if (type == null) {
            throw new IllegalArgumentException("authentication.type: unknown type " + ConfigText.quote(spec.type())
                    + "; known types are " + String.join(", ", NearestNames.nearestFirst(spec.type(), types.keySet())));
        }
        return type.create(spec);
    }

    /** The names of the types this factory knows, in alphabetical order. */
    public List<String> types() {
        return types.keySet().stream().sorted().toList();
    }

    @Override
    public String toString() {
        return "AuthSignerFactory" + types();
    }
}
