package dev.herald.auth;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** Deterministic Ed25519 test keys: the JDK derives the key pair from a seed fed through its random source. */
final class Ed25519TestKeys {
    final byte[] seed;
    final byte[] publicKey;
    final KeyPair pair;

    private Ed25519TestKeys(byte[] seed, KeyPair pair) {
        this.seed = seed;
        this.pair = pair;
        byte[] x509 = pair.getPublic().getEncoded();
        this.publicKey = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
    }

    static Ed25519TestKeys fromSeed(byte[] seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            return new Ed25519TestKeys(seed.clone(), generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    String whsk() {
        return "whsk_" + Base64.getEncoder().encodeToString(seed);
    }

    String whpk() {
        return "whpk_" + Base64.getEncoder().encodeToString(publicKey);
    }

    /** A random source that yields the seed, so that the generated pair is the one for that seed. */
    private static final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new AssertionError("asked for " + out.length + " bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }
}
