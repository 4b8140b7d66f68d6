package dev.herald.core.signing;

import java.util.function.BiConsumer;

/**
 * Authenticates one attempt: adds headers computed from the exact body bytes, the delivery id and the attempt's
 * time. Called once per attempt, since schemes such as Standard Webhooks sign the attempt's timestamp.
 *
 * <p>Implementations are thread-safe and never put a secret anywhere but into the headers.
 */
@FunctionalInterface
public interface RequestSigner {
    /** A signer that adds nothing. */
    RequestSigner NONE = (input, headers) -> {};

    /** Adds this scheme's headers for the input. */
    void sign(SigningInput input, BiConsumer<String, String> headers);
}
