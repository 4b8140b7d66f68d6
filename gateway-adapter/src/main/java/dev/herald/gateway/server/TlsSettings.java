package dev.herald.gateway.server;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS for the HTTP plugin server, read as the gateway's own plugin server reads it
 * ({@code PLUGINS_SERVER_SSL_*}): PEM files for the server's key and certificate chain and for the CAs whose
 * client certificates are accepted.
 *
 * @param keyFile the server's private key, PKCS#8 PEM, encrypted or not
 * @param certFile the server's certificate chain, PEM, its own certificate first
 * @param caCerts the CA bundle that client certificates must chain to, or null when clients are not verified
 * @param keyPassword the key file's password, or null when the key is not encrypted
 * @param clientAuth whether a client certificate is required, optional or not asked for
 */
public record TlsSettings(Path keyFile, Path certFile, Path caCerts, String keyPassword, ClientAuth clientAuth) {
    public static final String ENABLED_VARIABLE = "PLUGINS_SERVER_SSL_ENABLED";
    public static final String KEYFILE_VARIABLE = "PLUGINS_SERVER_SSL_KEYFILE";
    public static final String CERTFILE_VARIABLE = "PLUGINS_SERVER_SSL_CERTFILE";
    public static final String CA_CERTS_VARIABLE = "PLUGINS_SERVER_SSL_CA_CERTS";
    public static final String KEYFILE_PASSWORD_VARIABLE = "PLUGINS_SERVER_SSL_KEYFILE_PASSWORD";
    public static final String CERT_REQS_VARIABLE = "PLUGINS_SERVER_SSL_CERT_REQS";

    /** {@code PLUGINS_SERVER_SSL_CERT_REQS}, as Python's {@code ssl.CERT_NONE/OPTIONAL/REQUIRED} number them. */
    public enum ClientAuth {
        /** 0: no client certificate is asked for. */
        NONE,
        /** 1: a client certificate is asked for and verified when given. */
        OPTIONAL,
        /** 2, the default: a verified client certificate is required. */
        REQUIRED
    }

    public TlsSettings {
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(clientAuth, "clientAuth");
        if (clientAuth != ClientAuth.NONE && caCerts == null) {
            throw new IllegalArgumentException(CA_CERTS_VARIABLE + ": must name the CA bundle that client"
                    + " certificates are verified against when " + CERT_REQS_VARIABLE + " is "
                    + clientAuth.ordinal() + " (or set it to 0 to ask for no client certificate)");
        }
    }

    /** Never shows the key's password. */
    @Override
    public String toString() {
        return "TlsSettings[keyFile=" + keyFile + ", certFile=" + certFile + ", caCerts=" + caCerts
                + ", keyPassword=" + (keyPassword == null ? "none" : "***") + ", clientAuth=" + clientAuth + "]";
    }
}
