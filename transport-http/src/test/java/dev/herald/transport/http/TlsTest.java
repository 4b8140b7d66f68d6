package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;

/** Certificates are verified unless an endpoint opts out, and opting out is announced. */
@ExtendWith(NoLeaks.class)
class TlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static DisposableServer server;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        // A self-signed certificate for another name than the one connected to, made by the JDK's own keytool.
        Path keystore = dir.resolve("receiver.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "receiver", "-keyalg", "EC",
                "-dname", "CN=receiver.invalid", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .secure(spec -> spec.sslContext(Http11SslContextSpec.forServer(kmf)))
                .handle((req, res) -> req.receive().then(res.status(200).send().then()))
                .bindNow();
    }

    @AfterAll
    static void stop() {
        server.disposeNow();
    }

    @Test
    void anUntrustedCertificateIsRefusedByDefaultAndAcceptedWhenTheEndpointOptsOut() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(HttpTransport.class);
        logger.addAppender(log);
        URI url = URI.create("https://127.0.0.1:" + server.port() + "/hook");
        try (HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                .allowNetwork("127.0.0.0/8")
                .endpoint("test-receiver", p -> p.tlsInsecure(true))
                .build())) {
            assertThat(log.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("tls_insecure").contains("test-receiver");
            });

            Throwable refused = catchThrowable(() -> transport.send(Requests.post("verified", url))
                    .get(10, TimeUnit.SECONDS));
            assertThat(refused.getCause()).isInstanceOf(TransportException.class);
            assertThat(((TransportException) refused.getCause()).kind()).isEqualTo(Kind.CONNECT);

            assertThat(transport.send(Requests.post("test-receiver", url)).get(10, TimeUnit.SECONDS).status())
                    .isEqualTo(200);
        } finally {
            logger.detachAppender(log);
        }
    }
}
