package dev.herald.core.signing;

import dev.herald.core.endpoint.AuthSpec;

/**
 * Turns an endpoint's authentication settings into a signer, once, at start-up.
 */
@FunctionalInterface
public interface SignerFactory {
    /** A factory that only knows {@code none}. */
    SignerFactory NONE_ONLY = spec -> {
        if (!spec.type().equals("none")) {
            throw new IllegalArgumentException("authentication.type: no signer is bound for '" + spec.type() + "'");
        }
        return RequestSigner.NONE;
    };

    /**
     * Creates the signer for the settings.
     *
     * @throws IllegalArgumentException when the settings are invalid, with a message that names the key
     *     relative to the authentication block ({@code authentication.hmac_algorithm: ...}) and no secret
     */
    RequestSigner create(AuthSpec spec);
}
