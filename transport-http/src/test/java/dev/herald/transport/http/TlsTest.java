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
import dev.herald.transport.http.testing.TestCertificates;
import dev.herald.transport.http.testing.TlsProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import reactor.netty.DisposableServer;

/**
 * Certificates and host names are verified unless an endpoint opts out, the opt-out holds for that endpoint only,
 * and it is announced at start-up.
 */
@ExtendWith(NoLeaks.class)
class TlsTest {
    private static final List<String> selfSignedRequests = new CopyOnWriteArrayList<>();
    private static final List<String> forAddressRequests = new CopyOnWriteArrayList<>();
    private static final List<String> forOtherNameRequests = new CopyOnWriteArrayList<>();
    private static TestCertificates certificates;
    private static DisposableServer selfSigned;
    private static DisposableServer forAddress;
    private static DisposableServer forOtherName;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        certificates = TestCertificates.in(dir);
        selfSigned = certificates.selfSignedServer("receiver.invalid", selfSignedRequests::add);
        forAddress = certificates.caSignedServer("ip:127.0.0.1", forAddressRequests::add);
        forOtherName = certificates.caSignedServer("dns:receiver.invalid", forOtherNameRequests::add);
    }

    @AfterAll
    static void stop() {
        selfSigned.disposeNow();
        forAddress.disposeNow();
        forOtherName.disposeNow();
    }

    private static URI url(DisposableServer server, String path) {
        return URI.create("https://127.0.0.1:" + server.port() + path);
    }

    private static TransportException failure(HttpTransport transport, String endpoint, URI url) {
        Throwable t = catchThrowable(() -> transport.send(Requests.post(endpoint, url))
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(TransportException.class);
        return (TransportException) t.getCause();
    }

    @Test
    void selfSignedCertificatesAndUnknownAuthoritiesAreRefusedByDefaultWithATlsError() {
        try (HttpTransport transport = new HttpTransport(
                HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())) {
            for (URI url : List.of(url(selfSigned, "/default"), url(forAddress, "/unknown-ca"))) {
                TransportException e = failure(transport, "verified", url);

                assertThat(e.kind()).as(url.toString()).isEqualTo(Kind.CONNECT);
                assertThat(e.getMessage()).as(url.toString()).contains("endpoint 'verified'")
                        .contains("TLS handshake failed: the server's certificate is not trusted");
            }
        }
        assertThat(selfSignedRequests).doesNotContain("/default");
        assertThat(forAddressRequests).doesNotContain("/unknown-ca");
    }

    @Test
    void onceTheCaIsTrustedTheHostNameIsStillVerified() throws Exception {
        URI matching = url(forAddress, "/matching");
        URI otherName = url(forOtherName, "/other-name");
        URI untrusted = url(selfSigned, "/probe-self-signed");

        Map<String, String> results = probeTrusting(certificates.caStore(), matching, otherName, untrusted);

        assertThat(results.get(matching.toString())).isEqualTo("200");
        assertThat(results.get(otherName.toString())).startsWith("CONNECT")
                .contains("TLS handshake failed: the server's certificate is not valid for this host")
                .contains("127.0.0.1");
        assertThat(results.get(untrusted.toString())).startsWith("CONNECT")
                .contains("TLS handshake failed: the server's certificate is not trusted");
        assertThat(forAddressRequests).contains("/matching");
        assertThat(forOtherNameRequests).isEmpty();
        assertThat(selfSignedRequests).doesNotContain("/probe-self-signed");
    }

    @Test
    void optingOutHoldsForThatEndpointOnlyEvenOnTheSameHostAndPort() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(HttpTransport.class);
        logger.addAppender(log);
        try (HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                .allowNetwork("127.0.0.0/8")
                .endpointNames("test-receiver", "verified", "unlisted")
                .endpoint("test-receiver", p -> p.tlsInsecure(true))
                .endpoint("verified", p -> p.circuitBreaker(cb -> cb.consecutiveFailures(4)))
                .build())) {
            List<ILoggingEvent> warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getFormattedMessage()).contains("tls_insecure").contains("'test-receiver'")
                    .doesNotContain("verified'");

            // The insecure endpoint goes first and leaves a pooled connection that the other must not reuse.
            for (int i = 0; i < 2; i++) {
                assertThat(transport.send(Requests.post("test-receiver", url(selfSigned, "/insecure")))
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
                TransportException e = failure(transport, "verified", url(selfSigned, "/verified"));
                assertThat(e.kind()).isEqualTo(Kind.CONNECT);
                assertThat(e.getMessage()).contains("not trusted");
                assertThat(failure(transport, "unlisted", url(selfSigned, "/unlisted")).kind())
                        .isEqualTo(Kind.CONNECT);
            }
        } finally {
            logger.detachAppender(log);
        }
        assertThat(selfSignedRequests.stream().filter("/insecure"::equals).count()).isEqualTo(2);
        assertThat(selfSignedRequests).doesNotContain("/verified", "/unlisted");
    }

    @Test
    void optingOutForEveryEndpointIsAnnouncedToo() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(HttpTransport.class);
        logger.addAppender(log);
        try (HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                .endpointDefaults(p -> p.tlsInsecure(true)).build())) {
            assertThat(log.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage()).contains("tls_insecure").contains("every endpoint");
            });
        } finally {
            logger.detachAppender(log);
        }
    }

    /** Runs {@link TlsProbe} in a JVM that trusts the store, and gives each URL's result. */
    private static Map<String, String> probeTrusting(Path trustStore, URI... urls) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-cp", System.getProperty("java.class.path"), TlsProbe.class.getName()));
        for (URI u : urls) {
            command.add(u.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            lines = r.lines().toList();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        return lines.stream().filter(l -> l.startsWith("RESULT ")).map(l -> l.substring(7).split(" ", 2))
                .collect(Collectors.toMap(a -> a[0], a -> a[1]));
    }
}
