package dev.herald.auth.internal;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Parses Standard Webhooks key strings: {@code whsec_<base64>} (HMAC-SHA256, {@code v1}), {@code whsk_<base64>}
 * (an Ed25519 private key, {@code v1a}) and {@code whpk_<base64>} (its public key). Errors name the config key
 * given as {@code where} and describe the problem, never the key's characters.
 */
public final class StandardWebhooksKeys {
    static final String HMAC_PREFIX = "whsec_";
    static final String PRIVATE_PREFIX = "whsk_";
    static final String PUBLIC_PREFIX = "whpk_";

    private StandardWebhooksKeys() {}

    /** A sender's key: {@code whsec_} or {@code whsk_}. */
    public static WebhookSigningKey signingKey(String secret, String where) {
        if (secret.startsWith(HMAC_PREFIX)) {
            return new HmacV1Key(decode(secret, HMAC_PREFIX, where));
        }
        if (secret.startsWith(PRIVATE_PREFIX)) {
            return new Ed25519SigningKey(privateKey(decode(secret, PRIVATE_PREFIX, where), where));
        }
        if (secret.startsWith(PUBLIC_PREFIX)) {
            throw new IllegalArgumentException(where + ": a public key (whpk_) cannot sign; give the private key"
                    + " (whsk_) here and the public key to the receiver");
        }
        throw new IllegalArgumentException(where + ": must start with whsec_ (HMAC-SHA256, v1) or whsk_"
                + " (Ed25519, v1a)");
    }

    /**
     * A receiver's key: {@code whsec_}, {@code whpk_}, or bare base64, which the reference libraries also take as
     * an HMAC secret.
     */
    public static WebhookVerificationKey verificationKey(String secret, String where) {
        if (secret.startsWith(HMAC_PREFIX)) {
            return new HmacV1Key(decode(secret, HMAC_PREFIX, where));
        }
        if (secret.startsWith(PUBLIC_PREFIX)) {
            byte[] raw = decode(secret, PUBLIC_PREFIX, where);
            if (raw.length != Ed25519Keys.KEY_LENGTH) {
                throw new IllegalArgumentException(where + ": an Ed25519 public key (whpk_) must decode to 32 bytes,"
                        + " got " + raw.length);
            }
            try {
                return new Ed25519VerificationKey(Ed25519Keys.publicKey(raw));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
        }
        if (secret.startsWith(PRIVATE_PREFIX)) {
            throw new IllegalArgumentException(where + ": a private key (whsk_) does not belong at a receiver; give"
                    + " it the public key (whpk_)");
        }
        return new HmacV1Key(decode(secret, "", where));
    }

    private static PrivateKey privateKey(byte[] raw, String where) {
        if (raw.length == Ed25519Keys.KEY_LENGTH) {
            return Ed25519Keys.privateKey(raw);
        }
        if (raw.length == 2 * Ed25519Keys.KEY_LENGTH) {
            // Go's and libsodium's layout: the seed followed by the public key, which must then match.
            PrivateKey key = Ed25519Keys.privateKey(Arrays.copyOf(raw, Ed25519Keys.KEY_LENGTH));
            PublicKey publicHalf;
            try {
                publicHalf = Ed25519Keys.publicKey(Arrays.copyOfRange(raw, Ed25519Keys.KEY_LENGTH, raw.length));
            } catch (IllegalArgumentException e) {
                publicHalf = null;
            }
            if (publicHalf == null || !Ed25519Keys.isPair(key, publicHalf)) {
                throw new IllegalArgumentException(where + ": an Ed25519 private key (whsk_) of 64 bytes must be the"
                        + " seed followed by its own public key, and its second half is not");
            }
            return key;
        }
        throw new IllegalArgumentException(where + ": an Ed25519 private key (whsk_) must decode to 32 bytes (the"
                + " seed) or 64 (seed and public key), got " + raw.length);
    }

    private static byte[] decode(String secret, String prefix, String where) {
        String encoded = secret.substring(prefix.length());
        String after = prefix.isEmpty() ? "" : " after the " + prefix + " prefix";
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // Not chained: the JDK's message quotes the offending character of the secret.
            throw new IllegalArgumentException(where + ": not valid base64" + after);
        }
        if (raw.length == 0) {
            throw new IllegalArgumentException(where + ": the key" + after + " is empty");
        }
        return raw;
    }
}
