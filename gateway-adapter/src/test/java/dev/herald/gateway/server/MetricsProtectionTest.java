package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Module;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.gateway.server.TlsSettings.ClientAuth;
import dev.herald.gateway.telemetry.OtelEnvironment;
import dev.herald.gateway.telemetry.Telemetry;
import dev.herald.gateway.testing.PrometheusScrape;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A protection configured for {@code /mcp} covers {@code /metrics} too, on the plugin server's listener and on a
 * metrics listener of its own: a foreign {@code Origin} or a rebinding page's {@code Host} gets 403, TLS refuses a
 * client without a certificate when one is required and serves one with it, and over a Unix domain socket the
 * scrape goes through the socket. Each request is written by hand, headers exactly as given.
 */
class MetricsProtectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALLOWED = "https://gateway.example.com:8443";

    private static TestReceiver receiver;
    private static HostedHerald herald;
    private static Telemetry telemetry;

    @TempDir
    Path dir;

    private PluginServer server;
    private MetricsServer metrics;

    @BeforeAll
    static void startHerald() {
        receiver = new TestReceiver();
        telemetry = Telemetry.start(OtelEnvironment.read(Map.of()));
        herald = HostedHerald.start(receiver.url("/hook"), "s3cret", HostedHerald.FAST, Duration.ofSeconds(2),
                telemetry.modules().toArray(Module[]::new));
    }

    @AfterAll
    static void stopHerald() {
        herald.close();
        telemetry.close();
        receiver.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    private static ServerSecurity origins() {
        return new ServerSecurity(Set.of(ALLOWED), null, null, null, false);
    }

    private static ServerSecurity tls(ClientAuth clientAuth) {
        return new ServerSecurity(Set.of(), TestTls.server(clientAuth), null, null, false);
    }

    private PluginServer serveWithMetrics(ServerSecurity security) {
        return PluginServer.http(List.of(herald.hosted), "127.0.0.1", 0, security).withMetrics(telemetry.prometheus())
                .start();
    }

    private static RawMcp.Response scrape(RawMcp raw, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("Host", "localhost"));
        all.putAll(headers);
        return raw.send("GET", "/metrics", all, null);
    }

    private static void assertForbidden(RawMcp.Response r, String why) throws Exception {
        assertThat(r.status()).isEqualTo(403);
        assertThat(JSON.readTree(r.body()).at("/error/message").asText()).startsWith(why);
        assertThat(r.body()).doesNotContain("jvm_");
    }

    private static void assertScraped(RawMcp.Response r) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).startsWith("text/plain; version=0.0.4");
        assertThat(PrometheusScrape.parse(r.body()).names()).contains("jvm_memory_used_bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "http://gateway.example.com:8443", "null", "file://"})
    void aForeignOriginGets403OnMetricsAsOnMcp(String origin) throws Exception {
        server = serveWithMetrics(origins());

        assertForbidden(scrape(RawMcp.tcp(server.port()), Map.of("Origin", origin)), "Origin not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "attacker.test:8000", "10.0.0.1"})
    void aNonLoopbackHostGets403OnMetricsOfALoopbackServer(String host) throws Exception {
        server = serveWithMetrics(origins());

        assertForbidden(scrape(RawMcp.tcp(server.port()), Map.of("Host", host)), "Host not allowed");
    }

    @Test
    void noOriginALoopbackOneOrAnAllowedOneIsServed() {
        server = serveWithMetrics(origins());
        RawMcp raw = RawMcp.tcp(server.port());

        assertScraped(scrape(raw, Map.of()));
        assertScraped(scrape(raw, Map.of("Origin", "http://localhost:3000")));
        assertScraped(scrape(raw, Map.of("Origin", ALLOWED)));
    }

    private static HttpResponse<String> get(URI uri, SSLContext context) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tlsRequiringClientCertificatesRefusesAScrapeWithoutOneAndServesOneWithIt() throws Exception {
        server = serveWithMetrics(tls(ClientAuth.REQUIRED));
        URI uri = URI.create("https://localhost:" + server.port() + "/metrics");
        assertThat(server.metricsUri().getScheme()).isEqualTo("https");

        assertThatThrownBy(() -> get(uri, TestTls.client(null))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(uri, TestTls.client("other-client"))).isInstanceOf(IOException.class);
        HttpResponse<String> served = get(uri, TestTls.client("client"));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(PrometheusScrape.parse(served.body()).names()).contains("jvm_memory_used_bytes");
    }

    @Test
    void overAUnixDomainSocketTheScrapeGoesThroughTheSocket() {
        Path socket = dir.resolve("herald.sock");
        server = serveWithMetrics(new ServerSecurity(Set.of(), null, socket, null, false));

        assertScraped(scrape(RawMcp.unix(socket), Map.of()));
        assertThat(server.metricsUri()).isEqualTo(URI.create("http://localhost/metrics"));
    }

    @Test
    void withoutARegistryThePluginServerHasNoMetricsAndStdioCannotServeThem() {
        server = PluginServer.http(List.of(herald.hosted), "127.0.0.1", 0, ServerSecurity.defaults()).start();

        assertThat(scrape(RawMcp.tcp(server.port()), Map.of()).status()).isEqualTo(404);
        assertThatThrownBy(() -> PluginServer.stdio(List.of(herald.hosted)).withMetrics(telemetry.prometheus()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("MetricsServer");
        assertThatThrownBy(() -> server.withMetrics(telemetry.prometheus()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("running");
    }

    @Test
    void aMetricsListenerOfItsOwnHasTheSameRefusalsAndServesNothingElse() throws Exception {
        metrics = MetricsServer.start("127.0.0.1", 0, origins(), telemetry.prometheus());
        RawMcp raw = RawMcp.tcp(metrics.port());

        assertScraped(scrape(raw, Map.of()));
        assertScraped(scrape(raw, Map.of("Origin", ALLOWED)));
        assertForbidden(scrape(raw, Map.of("Origin", "https://evil.example")), "Origin not allowed");
        assertForbidden(scrape(raw, Map.of("Host", "evil.example")), "Host not allowed");
        RawMcp.Response mcp = raw.post(RawMcp.INITIALIZE, Map.of());
        assertThat(mcp.status()).isIn(404, 405);
        assertThat(mcp.sessionId()).isNull();
        assertThat(raw.send("GET", "/health", Map.of("Host", "localhost"), null).status()).isEqualTo(404);
        assertThat(metrics.metricsUri()).isEqualTo(URI.create("http://127.0.0.1:" + metrics.port() + "/metrics"));
    }

    @Test
    void aMetricsListenerOfItsOwnWithTlsRefusesAScrapeWithoutACertificateAndServesOneWithIt() throws Exception {
        metrics = MetricsServer.start("127.0.0.1", 0, tls(ClientAuth.REQUIRED), telemetry.prometheus());
        URI uri = URI.create("https://localhost:" + metrics.port() + "/metrics");

        assertThat(metrics.metricsUri().getScheme()).isEqualTo("https");
        assertThatThrownBy(() -> get(uri, TestTls.client(null))).isInstanceOf(IOException.class);
        assertThat(get(uri, TestTls.client("client")).statusCode()).isEqualTo(200);
    }

    @Test
    void aMetricsListenerBindsTcpEvenBesideAUnixSocketAndIsRefusedOffLoopbackWithoutTls() {
        ServerSecurity overSocket = new ServerSecurity(Set.of(), null, dir.resolve("s.sock"), null, false);

        assertThat(overSocket.bindRefusal("0.0.0.0")).isEmpty();
        assertThat(overSocket.metricsBindRefusal("0.0.0.0")).hasValueSatisfying(m -> assertThat(m)
                .startsWith("refusing to serve metrics on 0.0.0.0 without TLS").contains("--insecure-bind-any"));
        assertThat(overSocket.metricsBindRefusal("127.0.0.1")).isEmpty();
        assertThat(tls(ClientAuth.REQUIRED).metricsBindRefusal("0.0.0.0")).isEmpty();
        assertThat(new ServerSecurity(Set.of(), null, null, null, true).metricsBindWarning("0.0.0.0")).isPresent();

        metrics = MetricsServer.start("127.0.0.1", 0, overSocket, telemetry.prometheus());
        assertScraped(scrape(RawMcp.tcp(metrics.port()), Map.of()));
    }
}
