package dev.herald.auth.internal;

/** One Standard Webhooks verification key: checks signatures carrying its version tag. */
public interface WebhookVerificationKey {
    /** {@code v1} (HMAC-SHA256) or {@code v1a} (Ed25519). */
    String version();

    /** Whether the decoded signature is this key's signature of the signed content; never throws for bad input. */
    boolean matches(byte[] signature, byte[] id, byte[] timestamp, byte[] body);
}
