package dev.herald.gateway.server.internal;

import dev.herald.gateway.server.TlsSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The server's key and certificate chain and the client CAs, read from PEM files into key stores for Jetty. Every
 * problem names the variable whose file is at fault; no key material or password is ever put in a message.
 *
 * @param keyStore the server's key with its chain, under {@link #ALIAS}
 * @param keyPassword the password protecting the key in {@code keyStore}
 * @param trustStore the client CAs, or null when clients are not verified
 */
public record PemKeyMaterial(KeyStore keyStore, char[] keyPassword, KeyStore trustStore) {
    public static final String ALIAS = "herald";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    /**
     * Reads the files the settings name.
     *
     * @throws IllegalArgumentException naming the variable whose file is missing, unreadable or wrong
     */
    public static PemKeyMaterial load(TlsSettings tls) {
        List<X509Certificate> chain = certificates(tls.certFile(), TlsSettings.CERTFILE_VARIABLE);
        PrivateKey key = privateKey(tls.keyFile(), tls.keyPassword());
        checkPair(key, chain.get(0));
        char[] storePassword = "herald".toCharArray();
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(ALIAS, key, storePassword, chain.toArray(X509Certificate[]::new));
            KeyStore trust = null;
            if (tls.caCerts() != null) {
                List<X509Certificate> cas = certificates(tls.caCerts(), TlsSettings.CA_CERTS_VARIABLE);
                trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                for (int i = 0; i < cas.size(); i++) {
                    trust.setCertificateEntry("ca-" + i, cas.get(i));
                }
            }
            return new PemKeyMaterial(keys, storePassword, trust);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(TlsSettings.KEYFILE_VARIABLE + ": the key cannot be stored for TLS: "
                    + e.getClass().getSimpleName());
        }
    }

    private static List<X509Certificate> certificates(Path file, String variable) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file, variable)) {
                if (b.type().equals("CERTIFICATE")) {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(variable + ": " + file + " holds a CERTIFICATE block that is not a"
                    + " valid X.509 certificate");
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(variable + ": " + file + " holds no PEM certificate (-----BEGIN"
                    + " CERTIFICATE-----)");
        }
        return certs;
    }

    private static PrivateKey privateKey(Path file, String password) {
        String variable = TlsSettings.KEYFILE_VARIABLE;
        for (Block b : blocks(file, variable)) {
            switch (b.type()) {
                case "PRIVATE KEY":
                    return keyOf(new PKCS8EncodedKeySpec(b.der()), file);
                case "ENCRYPTED PRIVATE KEY":
                    if (password == null) {
                        throw new IllegalArgumentException(variable + ": " + file + " is encrypted; set "
                                + TlsSettings.KEYFILE_PASSWORD_VARIABLE + " to its password");
                    }
                    return keyOf(decrypt(b.der(), password, file), file);
                case "RSA PRIVATE KEY", "EC PRIVATE KEY":
                    throw new IllegalArgumentException(variable + ": " + file + " holds a " + b.type()
                            + " (PKCS#1/SEC1); convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in KEY");
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(variable + ": " + file + " holds no PKCS#8 PEM private key (-----BEGIN"
                + " PRIVATE KEY----- or -----BEGIN ENCRYPTED PRIVATE KEY-----)");
    }

    private static PKCS8EncodedKeySpec decrypt(byte[] der, String password, Path file) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // For PBES2 the algorithm's name is in its parameters (PBEWithHmacSHA256AndAES_256, ...).
            String algorithm = info.getAlgParameters() == null ? info.getAlgName()
                    : info.getAlgParameters().toString();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password.toCharArray())),
                    info.getAlgParameters());
            return info.getKeySpec(cipher);
        } catch (InvalidKeySpecException e) {
            throw wrongPassword(file);
        } catch (GeneralSecurityException | IOException e) {
            if (e.getCause() instanceof javax.crypto.BadPaddingException) {
                throw wrongPassword(file);
            }
            throw new IllegalArgumentException(TlsSettings.KEYFILE_VARIABLE + ": " + file + " is encrypted in a way"
                    + " this JDK cannot read (" + e.getClass().getSimpleName() + "); re-encrypt it with: openssl"
                    + " pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256");
        }
    }

    private static IllegalArgumentException wrongPassword(Path file) {
        return new IllegalArgumentException(TlsSettings.KEYFILE_PASSWORD_VARIABLE + ": wrong password for "
                + file);
    }

    private static PrivateKey keyOf(PKCS8EncodedKeySpec spec, Path file) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(TlsSettings.KEYFILE_VARIABLE + ": " + file + " holds a private key that"
                + " is not RSA, EC or EdDSA, or is corrupt");
    }

    /** A key that does not sign for the certificate's public key would only fail at the first handshake. */
    private static void checkPair(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        byte[] probe = "herald key check".getBytes(StandardCharsets.UTF_8);
        boolean matches;
        try {
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(cert.getPublicKey());
            verify.update(probe);
            matches = verify.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException(TlsSettings.KEYFILE_VARIABLE + ": the key is not the one of the first"
                    + " certificate in " + TlsSettings.CERTFILE_VARIABLE);
        }
    }

    private record Block(String type, byte[] der) {
    }

    private static List<Block> blocks(Path file, String variable) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(variable + ": no such file: " + file);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(variable + ": cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(variable + ": " + file + " holds a " + m.group(1)
                        + " block that is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(variable + ": " + file + " is not a PEM file (no -----BEGIN ...-----"
                    + " block)");
        }
        return blocks;
    }
}
