package dev.herald.transport.http.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;

/**
 * Keys and certificates for TLS tests, made by the JDK's own keytool in a temporary folder: a test CA, one key
 * pair it certifies for any subject alternative names, and self-signed certificates. Nothing is trusted until a
 * test says so, e.g. with {@code -Djavax.net.ssl.trustStore=} {@link #caStore()}.
 */
public final class TestCertificates {
    /** The password of every store made here. */
    public static final String PASSWORD = "changeit";

    private final Path dir;
    private boolean leafRequested;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Makes the test CA in the folder. */
    public static TestCertificates in(Path dir) throws Exception {
        TestCertificates c = new TestCertificates(dir);
        c.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=Herald Test CA", "-ext", "bc:c",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", c.caStore().toString());
        return c;
    }

    /** The CA's PKCS12 store; as a trust store it trusts the CA's certificate. */
    public Path caStore() {
        return dir.resolve("ca.p12");
    }

    /**
     * An HTTPS server on 127.0.0.1 with a self-signed certificate for the name, answering 200; each request's URI
     * goes to {@code requests}.
     */
    public DisposableServer selfSignedServer(String commonName, Consumer<String> requests) throws Exception {
        Path store = dir.resolve("self-" + commonName + ".p12");
        keytool("-genkeypair", "-alias", "self", "-keyalg", "EC", "-dname", "CN=" + commonName, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString());
        KeyStore ks = load(store);
        return server((PrivateKey) ks.getKey("self", PASSWORD.toCharArray()),
                (X509Certificate) ks.getCertificate("self"), requests);
    }

    /**
     * An HTTPS server on 127.0.0.1 whose certificate the CA signed for the subject alternative names, e.g.
     * {@code ip:127.0.0.1} or {@code dns:receiver.invalid}, answering 200.
     */
    public DisposableServer caSignedServer(String subjectAlternativeNames, Consumer<String> requests) throws Exception {
        Path leafStore = dir.resolve("leaf.p12");
        Path request = dir.resolve("leaf.csr");
        if (!leafRequested) {
            keytool("-genkeypair", "-alias", "leaf", "-keyalg", "EC", "-dname", "CN=Herald Test Receiver",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", leafStore.toString());
            keytool("-certreq", "-alias", "leaf", "-keystore", leafStore.toString(), "-file", request.toString());
            leafRequested = true;
        }
        Path cert = dir.resolve("leaf-" + subjectAlternativeNames.replaceAll("[^a-z0-9.]", "_") + ".pem");
        keytool("-gencert", "-alias", "ca", "-keystore", caStore().toString(), "-infile", request.toString(),
                "-outfile", cert.toString(), "-ext", "san=" + subjectAlternativeNames, "-validity", "2", "-rfc");
        X509Certificate signed;
        try (InputStream in = Files.newInputStream(cert)) {
            signed = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        return server((PrivateKey) load(leafStore).getKey("leaf", PASSWORD.toCharArray()), signed, requests);
    }

    private static DisposableServer server(PrivateKey key, X509Certificate cert, Consumer<String> requests) {
        return HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .secure(spec -> spec.sslContext(Http11SslContextSpec.forServer(key, cert)))
                .handle((req, res) -> {
                    requests.accept(req.uri());
                    return req.receive().then(res.status(200).send());
                })
                .bindNow();
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    private void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-noprompt"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("keytool %s finishes", args[0]).isTrue();
        assertThat(p.exitValue()).as("keytool %s succeeds", args[0]).isZero();
    }
}
