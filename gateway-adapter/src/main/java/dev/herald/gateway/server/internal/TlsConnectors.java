package dev.herald.gateway.server.internal;

import dev.herald.gateway.server.TlsSettings;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Jetty's server-side TLS from the PEM material, asking for client certificates as the settings say. */
public final class TlsConnectors {
    private TlsConnectors() {
    }

    /** An SSL context factory for the connector, not started yet. */
    public static SslContextFactory.Server sslContextFactory(TlsSettings tls) {
        PemKeyMaterial material = PemKeyMaterial.load(tls);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(material.keyStore());
        ssl.setKeyStorePassword(new String(material.keyPassword()));
        ssl.setCertAlias(PemKeyMaterial.ALIAS);
        if (material.trustStore() != null) {
            ssl.setTrustStore(material.trustStore());
        }
        switch (tls.clientAuth()) {
            case REQUIRED -> ssl.setNeedClientAuth(true);
            case OPTIONAL -> ssl.setWantClientAuth(true);
            case NONE -> {
                ssl.setNeedClientAuth(false);
                ssl.setWantClientAuth(false);
            }
        }
        return ssl;
    }
}
