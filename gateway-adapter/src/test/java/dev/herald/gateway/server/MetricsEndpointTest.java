package dev.herald.gateway.server;

import static dev.herald.gateway.server.GatewayCalls.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import dev.herald.engine.testing.TestReceiver.Received;
import dev.herald.gateway.telemetry.DeliveryLog;
import dev.herald.gateway.telemetry.OtelEnvironment;
import dev.herald.gateway.telemetry.Telemetry;
import dev.herald.gateway.testing.PrometheusScrape;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} of the plugin server assembled as {@code herald serve} assembles it (its telemetry, Herald
 * recording into it, the metrics beside {@code /mcp}), scraped over HTTP after the gateway's hook calls caused
 * deliveries to a real receiver, and read with a Prometheus text-format parser.
 */
class MetricsEndpointTest {
    private static final int HOOKS = 6;
    /** The receiver's first answers are 503: those deliveries are retried, and attempts outnumber deliveries. */
    private static final int REFUSED_FIRST = 2;

    private final TestReceiver receiver = new TestReceiver();
    private Telemetry telemetry;
    private HostedHerald herald;
    private PluginServer server;

    @BeforeEach
    void start() {
        receiver.on("/hook", n -> n <= REFUSED_FIRST ? Answer.status(503) : Answer.status(200));
        telemetry = Telemetry.start(OtelEnvironment.read(Map.of()));
        List<Module> overrides = new ArrayList<>(telemetry.modules());
        overrides.add(b -> Multibinder.newSetBinder(b, DeliveryListener.class).addBinding()
                .toInstance(new DeliveryLog()));
        herald = HostedHerald.start(receiver.url("/hook"), "s3cret", HostedHerald.FAST, Duration.ofSeconds(2),
                overrides.toArray(Module[]::new));
        server = PluginServer.http(List.of(herald.hosted), "127.0.0.1", 0, ServerSecurity.defaults())
                .withMetrics(telemetry.prometheus()).start();
    }

    @AfterEach
    void stop() {
        server.close();
        herald.close();
        telemetry.close();
        receiver.close();
    }

    private HttpResponse<String> get(String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.metricsUri()).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private PrometheusScrape scrape() throws Exception {
        HttpResponse<String> r = get(null);
        assertThat(r.statusCode()).isEqualTo(200);
        return PrometheusScrape.parse(r.body());
    }

    @Test
    void theJvmsMetersAreServedInThePrometheusTextFormat() throws Exception {
        HttpResponse<String> r = get(null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(server.metricsUri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/metrics"));
        PrometheusScrape scrape = PrometheusScrape.parse(r.body());
        assertThat(scrape.names()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads",
                "jvm_classes_loaded_classes", "process_uptime_seconds", "system_cpu_count", "jvm_info");
        assertThat(scrape.value("jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        HttpResponse<String> r = get("application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/openmetrics-text; version=1.0.0"));
        assertThat(r.body()).contains("jvm_threads_live_threads").endsWith("# EOF\n");
    }

    @Test
    void onlyGetIsAnswered() throws Exception {
        HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.metricsUri())
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void deliveriesAndAttemptsCountExactlyWhatTheReceiverGot() throws Exception {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
                .builder("http://127.0.0.1:" + server.port()).endpoint("/mcp").build())
                .requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
        for (int i = 0; i < HOOKS; i++) {
            invoke(client, "tool_post_invoke", GatewayCalls.failedToolPayload());
        }
        client.closeGracefully();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> herald.herald.dispatcher().stats().deliveriesDelivered() == HOOKS);
        List<Received> got = receiver.received("/hook");
        Set<String> delivered = got.subList(REFUSED_FIRST, got.size()).stream()
                .map(r -> r.headers().get("webhook-id")).collect(Collectors.toSet());
        assertThat(delivered).hasSize(HOOKS);
        assertThat(got).hasSize(HOOKS + REFUSED_FIRST);

        Map<String, String> endpoint = Map.of("endpoint", "receiver");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape scrape = scrape();
            assertThat(scrape.value("herald_deliveries_total", Map.of("endpoint", "receiver", "outcome",
                    "delivered"))).isEqualTo(delivered.size());
            assertThat(scrape.value("herald_deliveries_total", endpoint)).isEqualTo(delivered.size());
            assertThat(scrape.histogramCount("http_client_request_duration_seconds", endpoint))
                    .isEqualTo(got.size());
            assertThat(scrape.histogramCount("http_client_request_duration_seconds", Map.of("endpoint",
                    "receiver", "http_response_status_code", "503"))).isEqualTo(REFUSED_FIRST);
            assertThat(scrape.value("herald_attempts_total", endpoint)).isEqualTo(got.size());
            assertThat(scrape.value("herald_attempts_total", Map.of("endpoint", "receiver",
                    "http_request_resend_count", "0"))).isEqualTo(HOOKS);
            assertThat(scrape.names()).contains("jvm_memory_used_bytes", "process_uptime_seconds");
        });
    }
}
