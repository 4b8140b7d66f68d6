package dev.herald.auth.internal;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** A {@code whpk_} key: checks {@code v1a} Ed25519 signatures. */
public final class Ed25519VerificationKey implements WebhookVerificationKey {
    private final PublicKey key;

    /** Verifies with the given Ed25519 public key. */
    public Ed25519VerificationKey(PublicKey key) {
        this.key = key;
    }

    @Override
    public String version() {
        return "v1a";
    }

    @Override
    public boolean matches(byte[] signature, byte[] id, byte[] timestamp, byte[] body) {
        if (signature.length != Ed25519Keys.SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            SignedContent.feed(verifier, id, timestamp, body);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A malformed signature or key point is a mismatch, not an error of the receiver.
            return false;
        }
    }

    @Override
    public String toString() {
        return "Ed25519VerificationKey[v1a]";
    }
}
