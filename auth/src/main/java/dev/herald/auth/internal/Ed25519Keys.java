package dev.herald.auth.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/**
 * Ed25519 keys from their raw RFC 8032 encodings, with the JDK's own EdDSA: a 32-byte seed for the private key,
 * a 32-byte encoded point for the public key.
 */
public final class Ed25519Keys {
    /** The length of a seed, of an encoded public key. */
    public static final int KEY_LENGTH = 32;
    /** The length of a signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    private Ed25519Keys() {}

    /** The private key whose seed is the 32 bytes given. */
    public static PrivateKey privateKey(byte[] seed) {
        if (seed.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
        }
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /**
     * The public key encoded in 32 bytes as RFC 8032 section 5.1.3 says: y little-endian, the top bit of the last
     * byte the parity of x.
     *
     * @throws IllegalArgumentException when the bytes cannot be a point's encoding
     */
    public static PublicKey publicKey(byte[] encoded) {
        if (encoded.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + encoded.length);
        }
        boolean xOdd = (encoded[KEY_LENGTH - 1] & 0x80) != 0;
        byte[] bigEndian = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            bigEndian[i] = encoded[KEY_LENGTH - 1 - i];
        }
        bigEndian[0] &= 0x7f;
        BigInteger y = new BigInteger(1, bigEndian);
        if (y.compareTo(P) >= 0) {
            throw new IllegalArgumentException("not an Ed25519 public key: y is not reduced modulo p");
        }
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, y)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /** Whether the public key belongs to the private key, checked by signing and verifying a probe. */
    public static boolean isPair(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = {'h', 'e', 'r', 'a', 'l', 'd'};
        try {
            java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
