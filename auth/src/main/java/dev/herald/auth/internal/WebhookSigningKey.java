package dev.herald.auth.internal;

/** One Standard Webhooks signing key: produces the base64 signature that follows its version tag. */
public interface WebhookSigningKey {
    /** {@code v1} (HMAC-SHA256) or {@code v1a} (Ed25519). */
    String version();

    /** The base64 signature of the signed content. */
    String sign(byte[] id, byte[] timestamp, byte[] body);
}
