package dev.herald.auth;

import dev.herald.auth.internal.AuthSettings;
import dev.herald.auth.internal.ConfigText;
import dev.herald.auth.internal.SeedHmacSigner;
import dev.herald.auth.internal.StandardWebhooksSigner;
import dev.herald.auth.internal.StaticHeaderSigner;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.signing.RequestSigner;
import dev.herald.core.signing.SignerFactory;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;

/**
 * Turns an endpoint's {@code authentication} block into a signer, validating it completely so that a bad
 * config fails at start-up rather than on the first delivery.
 *
 * <p>Types and their settings:
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
 * Settings of other types are ignored, as in the seed's model; a setting no type knows is an error. Errors are
 * {@link IllegalArgumentException}s whose message names the key ({@code authentication.token: required for type
 * bearer}) and never a secret. Signers are thread-safe and precompute their keys.
 */
public final class AuthSignerFactory implements SignerFactory {
    /** The types this factory knows, in the order error messages list them. */
    public static final List<String> TYPES = List.of("none", "bearer", "api_key", "hmac", "standard_webhooks");

    /** A factory; it holds no state, so one instance serves every endpoint. */
    @Inject
    public AuthSignerFactory() {}

    @Override
    public RequestSigner create(AuthSpec spec) {
        Objects.requireNonNull(spec, "authentication");
        String type = spec.type();
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("authentication.type: unknown type " + ConfigText.quote(type)
                    + "; known types are " + String.join(", ", TYPES));
        }
        AuthSettings settings = AuthSettings.of(spec);
        switch (type) {
            case "bearer":
                return StaticHeaderSigner.bearer(settings);
            case "api_key":
                return StaticHeaderSigner.apiKey(settings);
            case "hmac":
                return SeedHmacSigner.fromSettings(settings);
            case "standard_webhooks":
                return StandardWebhooksSigner.fromSettings(settings);
            default:
                return RequestSigner.NONE;
        }
    }

    @Override
    public String toString() {
        return "AuthSignerFactory" + TYPES;
    }
}
