package dev.herald.gateway.server;

import static dev.herald.gateway.server.GatewayCalls.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import dev.herald.engine.testing.TestReceiver.Received;
import dev.herald.gateway.testing.OtlpCollector;
import dev.herald.gateway.testing.PrometheusScrape;
import dev.herald.gateway.testing.ServeProcess;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald serve} in its own process, observed as an operator observes it: {@code /metrics} scraped while it
 * runs and read with a Prometheus parser, the metrics and spans its OpenTelemetry settings push to a loopback
 * collector, its stderr in {@code --log-format json} (one JSON object per line, a delivery's lines with its MDC),
 * the metrics listener of their own over stdio, and a bad {@code OTEL_*} value refused in one line.
 */
@Tag("slow")
class ServeObservabilityProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "serve-obs-secret";
    private static final String HOOK_PATH = "/hook-path-never-logged";
    private static final int HOOKS = 5;
    private static final int REFUSED_FIRST = 2;

    @TempDir
    Path dir;

    private final TestReceiver receiver = new TestReceiver();
    private final OtlpCollector collector = new OtlpCollector();
    private ServeProcess serve;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.close();
        }
        collector.close();
        receiver.close();
    }

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("config.yaml"), """
                plugins:
                  - name: "WebhookNotification"
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                    hooks: ["tool_post_invoke"]
                    config:
                      allowed_networks: ["127.0.0.0/8"]
                      webhooks:
                        - url: "%s"
                          name: "receiver"
                          events: ["tool_error"]
                          retry_delay: 100
                          authentication: {type: "hmac", hmac_secret: "{{ env.HOOK_SECRET }}"}
                """.formatted(receiver.url(HOOK_PATH)));
    }

    private static List<JsonNode> jsonLines(List<String> stderr) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : stderr) {
            try {
                lines.add(JSON.readTree(line));
            } catch (Exception e) {
                throw new AssertionError("not one JSON object: " + line, e);
            }
        }
        return lines;
    }

    @Test
    void aRunningServeIsScrapedPushesToTheCollectorAndLogsJsonLines() throws Exception {
        receiver.on(HOOK_PATH, n -> n <= REFUSED_FIRST ? Answer.status(503) : Answer.status(200));
        serve = ServeProcess.start(config(), Map.of("HOOK_SECRET", SECRET, "HERALD_LOG_LEVEL", "INFO",
                "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(), "OTEL_METRIC_EXPORT_INTERVAL", "500",
                "OTEL_BSP_SCHEDULE_DELAY", "200"), "--log-format", "json");
        int port = serve.awaitPort();

        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
        for (int i = 0; i < HOOKS; i++) {
            invoke(client, "tool_post_invoke", GatewayCalls.failedToolPayload());
        }
        client.closeGracefully();
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received(HOOK_PATH).size() == HOOKS
                + REFUSED_FIRST);
        List<Received> got = receiver.received(HOOK_PATH);
        Set<String> delivered = got.subList(REFUSED_FIRST, got.size()).stream()
                .map(r -> r.headers().get("webhook-id")).collect(Collectors.toSet());
        assertThat(delivered).hasSize(HOOKS);

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        PrometheusScrape scrape = PrometheusScrape.parse(r.body());
        assertThat(scrape.names()).contains("jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
                "process_uptime_seconds", "process_files_open_files");
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.posts("/v1/metrics").stream()
                .anyMatch(p -> p.holds("jvm.memory.used")));
        Map<String, String> endpoint = Map.of("endpoint", "receiver");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape now = PrometheusScrape.parse(HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(now.value("herald_deliveries_total", Map.of("endpoint", "receiver", "outcome",
                    "delivered"))).isEqualTo(delivered.size());
            assertThat(now.histogramCount("http_client_request_duration_seconds", endpoint))
                    .isEqualTo(got.size());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> collector.posts("/v1/metrics").stream()
                .anyMatch(p -> p.holds("herald.deliveries")));

        serve.sigterm();
        assertThat(serve.waitFor(Duration.ofSeconds(30))).isTrue();
        assertThat(collector.posts("/v1/traces")).anySatisfy(p -> assertThat(p.holds("receiver")).isTrue());

        List<String> stderr = serve.stderr();
        String said = String.join("\n", stderr);
        assertThat(said).doesNotContain(SECRET, HOOK_PATH, HOOK_PATH.replace("/", "\\/"), "Exception");
        List<JsonNode> lines = jsonLines(stderr);
        assertThat(lines).allSatisfy(l -> assertThat(l.has("timestamp") && l.has("level") && l.has("loggerName")
                && l.has("formattedMessage") && l.has("mdc")).as(l.toString()).isTrue());
        assertThat(lines).extracting(l -> l.get("formattedMessage").asText())
                .contains("every delivery drained").anySatisfy(m -> assertThat(m).startsWith("plugin"
                        + " WebhookNotification on http://127.0.0.1:" + port + "/mcp"));
        List<JsonNode> ends = lines.stream().filter(l -> l.get("loggerName").asText().endsWith(".DeliveryLog"))
                .toList();
        assertThat(ends).hasSize(HOOKS).allSatisfy(l -> {
            assertThat(l.get("level").asText()).isEqualTo("INFO");
            assertThat(l.get("formattedMessage").asText()).startsWith("delivery delivered: ");
            assertThat(l.at("/mdc/endpoint").asText()).isEqualTo("receiver");
            assertThat(l.at("/mdc/event_type").asText()).isEqualTo("tool_error");
        });
        assertThat(ends).extracting(l -> l.at("/mdc/delivery_id").asText())
                .containsExactlyInAnyOrderElementsOf(delivered);
    }

    @Test
    void overStdioTheMetricsHaveAListenerOfTheirOwnAndStdoutStaysSilent() throws Exception {
        serve = ServeProcess.start(config(), Map.of("HOOK_SECRET", SECRET), "--stdio", "--metrics-port", "0");
        int metricsPort = serve.awaitMetricsPort();

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(PrometheusScrape.parse(r.body()).names()).contains("jvm_threads_live_threads");
        HttpResponse<String> foreign = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).header("Origin", "https://evil.example")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);

        serve.closeStdin();
        assertThat(serve.waitFor(Duration.ofSeconds(30))).isTrue();
        assertThat(serve.exitValue()).as(String.join("\n", serve.stderr())).isZero();
        assertThat(serve.stdout()).isEmpty();
    }

    @Test
    void aBadOtelValueIsOneLineAndExit2AsTextAndAsJson() throws Exception {
        Map<String, String> env = Map.of("HOOK_SECRET", SECRET, "OTEL_EXPORTER_OTLP_ENDPOINT",
                collector.endpoint(), "OTEL_TRACES_EXPORTER", "carrier-pigeon");
        serve = ServeProcess.start(config(), env);
        assertThat(serve.waitFor(Duration.ofSeconds(30))).isTrue();

        assertThat(serve.exitValue()).isEqualTo(2);
        assertThat(serve.stderr()).containsExactly(
                "serve: OpenTelemetry settings: Unrecognized value for OTEL_TRACES_EXPORTER: carrier-pigeon");

        serve = ServeProcess.start(config(), env, "--log-format", "json");
        assertThat(serve.waitFor(Duration.ofSeconds(30))).isTrue();

        assertThat(serve.exitValue()).isEqualTo(2);
        assertThat(jsonLines(serve.stderr())).singleElement().satisfies(l -> {
            assertThat(l.get("level").asText()).isEqualTo("ERROR");
            assertThat(l.get("formattedMessage").asText()).isEqualTo(
                    "OpenTelemetry settings: Unrecognized value for OTEL_TRACES_EXPORTER: carrier-pigeon");
        });
    }
}
