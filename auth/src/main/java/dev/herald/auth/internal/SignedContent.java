package dev.herald.auth.internal;

import java.security.Signature;
import java.security.SignatureException;
import javax.crypto.Mac;

/**
 * Feeds the Standard Webhooks signed content, {@code id + "." + timestamp + "." + body}, piecewise into a MAC or
 * signature, so that the body is never copied into a concatenated buffer.
 */
public final class SignedContent {
    private static final byte DOT = '.';

    private SignedContent() {}

    /** Updates the MAC with the signed content; the caller calls {@code doFinal}. */
    public static void feed(Mac mac, byte[] id, byte[] timestamp, byte[] body) {
        mac.update(id);
        mac.update(DOT);
        mac.update(timestamp);
        mac.update(DOT);
        mac.update(body);
    }

    /** Updates the signature with the signed content; the caller calls {@code sign} or {@code verify}. */
    public static void feed(Signature signature, byte[] id, byte[] timestamp, byte[] body) throws SignatureException {
        signature.update(id);
        signature.update(DOT);
        signature.update(timestamp);
        signature.update(DOT);
        signature.update(body);
    }
}
