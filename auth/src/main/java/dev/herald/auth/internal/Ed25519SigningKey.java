package dev.herald.auth.internal;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/**
 * A {@code whsk_} key: Ed25519 over the signed content, the {@code v1a} scheme. Each thread keeps a
 * {@link Signature} initialised once; {@code sign()} returns it to that initialised state.
 */
public final class Ed25519SigningKey implements WebhookSigningKey {
    private final PrivateKey key;
    private final ThreadLocal<Signature> perThread;

    /** Signs with the private key built from a 32-byte seed. */
    public Ed25519SigningKey(PrivateKey key) {
        this.key = key;
        this.perThread = ThreadLocal.withInitial(this::newSignature);
    }

    @Override
    public String version() {
        return "v1a";
    }

    @Override
    public String sign(byte[] id, byte[] timestamp, byte[] body) {
        Signature signature = perThread.get();
        try {
            SignedContent.feed(signature, id, timestamp, body);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            // The instance's state is unknown after a failure: start the next call afresh.
            perThread.remove();
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private Signature newSignature() {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot sign with Ed25519", e);
        }
    }

    @Override
    public String toString() {
        return "Ed25519SigningKey[v1a]";
    }
}
