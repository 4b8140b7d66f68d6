package dev.herald.auth.internal;

import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;

/** A {@code whsec_} key: HMAC-SHA256 over the signed content, the {@code v1} scheme; signs and verifies. */
public final class HmacV1Key implements WebhookSigningKey, WebhookVerificationKey {
    private final ThreadLocalMac mac;

    /** Keys HMAC-SHA256 with the decoded secret; the caller has checked that it is not empty. */
    public HmacV1Key(byte[] key) {
        this.mac = new ThreadLocalMac("HmacSHA256", key);
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public String sign(byte[] id, byte[] timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(compute(id, timestamp, body));
    }

    @Override
    public boolean matches(byte[] signature, byte[] id, byte[] timestamp, byte[] body) {
        return MessageDigest.isEqual(compute(id, timestamp, body), signature);
    }

    private byte[] compute(byte[] id, byte[] timestamp, byte[] body) {
        Mac m = mac.get();
        SignedContent.feed(m, id, timestamp, body);
        return m.doFinal();
    }

    @Override
    public String toString() {
        return "HmacV1Key[v1]";
    }
}
