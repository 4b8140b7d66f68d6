package dev.herald.gateway.server;

import dev.herald.gateway.server.TlsSettings.ClientAuth;
import dev.herald.gateway.server.internal.PemKeyMaterial;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test-only TLS material in {@code src/test/resources/tls} (made once by its {@code generate.sh}): a CA with a
 * server certificate for localhost and a client certificate, and another CA with a client certificate of its own.
 */
final class TestTls {
    static final String KEY_PASSWORD = "test-key-password";

    private TestTls() {
    }

    static Path file(String name) {
        try {
            return Path.of(TestTls.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's settings: its key and chain, client certificates verified against the first CA. */
    static TlsSettings server(ClientAuth clientAuth) {
        return new TlsSettings(file("server.key"), file("server.pem"), file("ca.pem"), null, clientAuth);
    }

    /**
     * Presents the certificate whatever CAs the server names: a JDK client otherwise sends none that the server
     * would not accept, and a refusal of a foreign certificate would go untested.
     */
    private static X509ExtendedKeyManager presentAlways(X509ExtendedKeyManager keys) {
        return new X509ExtendedKeyManager() {
            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {PemKeyMaterial.ALIAS};
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return PemKeyMaterial.ALIAS;
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return PemKeyMaterial.ALIAS;
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return keys.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return keys.getPrivateKey(alias);
            }
        };
    }

    /** A client trusting the first CA and presenting the named certificate ({@code client}, {@code other-client}). */
    static SSLContext client(String certificate) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        PemKeyMaterial caOnly = PemKeyMaterial.load(server(ClientAuth.OPTIONAL));
        trust.init(caOnly.trustStore());
        KeyManagerFactory keys = null;
        if (certificate != null) {
            PemKeyMaterial mine = PemKeyMaterial.load(new TlsSettings(file(certificate + ".key"),
                    file(certificate + ".pem"), null, null, ClientAuth.NONE));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(mine.keyStore(), mine.keyPassword());
        }
        context.init(keys == null ? null : new KeyManager[] {presentAlways((X509ExtendedKeyManager) keys
                .getKeyManagers()[0])}, trust.getTrustManagers(), null);
        return context;
    }
}
