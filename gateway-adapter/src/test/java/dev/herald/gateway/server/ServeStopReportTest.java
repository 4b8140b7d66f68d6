package dev.herald.gateway.server;

import static dev.herald.gateway.server.GatewayCalls.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.gateway.cli.CliRun;
import dev.herald.gateway.testing.ServeProcess;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report {@code herald serve} prints when it stops, with a SQLite store, against what {@code herald deliveries
 * list} shows afterwards. It used to say {@code deliveries=0 ... every delivery drained} while deliveries waited in
 * the store for a retry (on SIGTERM and at the end of stdio alike), {@code attempts=0} for requests that had reached
 * a hanging receiver, and "every delivery drained" after a restart that could not yet take a killed node's
 * deliveries. Now each pending delivery of the store is listed, with its attempts, exactly as the store lists it.
 */
@Tag("slow") // each test spawns herald serve, one of them twice
class ServeStopReportTest {
    private static final Pattern SUMMARY = Pattern.compile(
            "^serve: stopped: deliveries=(\\d+) delivered=(\\d+) failed=(\\d+) undelivered=(\\d+); events refused=(\\d+)$");
    private static final Pattern LISTED = Pattern.compile("^  hook (msg_[0-9a-f]{32}) event=tool_error attempts=(\\d+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final TestReceiver receiver = new TestReceiver();
    private ServeProcess serve;
    private Process stdio;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.close();
        }
        if (stdio != null) {
            stdio.destroyForcibly();
        }
        receiver.close();
    }

    @Test
    void sigtermWithTheEndpointDownListsEveryDeliveryWaitingInTheStoreForItsRetry() throws Exception {
        Path config = config(closedPortUrl(), 60_000, 5);
        serve = ServeProcess.start(config, Map.of());
        McpSyncClient client = connect(serve.awaitPort());
        for (int i = 0; i < 5; i++) {
            invoke(client, "tool_post_invoke", GatewayCalls.failedToolPayload());
        }
        client.closeGracefully();
        // Each refused once and waits in the store for a retry a minute away.
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingInStore(config).values().stream()
                .filter(attempts -> attempts == 1).count() == 5);

        serve.sigterm();
        assertThat(serve.waitFor(Duration.ofSeconds(30))).isTrue();

        Map<String, Integer> listed = assertReportMatchesTheStore(serve.stderr(), config);
        assertThat(listed).hasSize(5).allSatisfy((id, attempts) -> assertThat(attempts).isEqualTo(1));
    }

    @Test
    void theEndOfStdioListsEveryDeliveryWaitingInTheStore() throws Exception {
        Path config = config(closedPortUrl(), 60_000, 5);
        stdio = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.herald.gateway.cli.HeraldCli", "serve", "--stdio",
                "--config", config.toString()).directory(dir.toFile()).start();
        CompletableFuture<List<String>> stderr = CompletableFuture.supplyAsync(() -> lines(stdio.getErrorStream()));
        BufferedReader out = new BufferedReader(new InputStreamReader(stdio.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(stdio.getOutputStream(), StandardCharsets.UTF_8);
        send(in, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"initialize\", \"params\": {\"protocolVersion\":"
                + " \"2025-06-18\", \"capabilities\": {}, \"clientInfo\": {\"name\": \"gateway\", \"version\": \"1\"}}}");
        awaitAnswer(out, 1);
        send(in, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
        for (int id = 2; id < 5; id++) {
            send(in, JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", id, "method", "tools/call", "params",
                    Map.of("name", "invoke_hook", "arguments", GatewayCalls.invokeArgs("tool_post_invoke",
                            HostedHerald.PLUGIN_NAME, GatewayCalls.failedToolPayload(), GatewayCalls.context())))));
            awaitAnswer(out, id);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingInStore(config).values().stream()
                .filter(attempts -> attempts == 1).count() == 3);

        in.close();
        assertThat(stdio.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Map<String, Integer> listed = assertReportMatchesTheStore(stderr.get(10, TimeUnit.SECONDS), config);
        assertThat(listed).hasSize(3).allSatisfy((id, attempts) -> assertThat(attempts).isEqualTo(1));
    }

    @Test
    void requestsHeldByAHangingReceiverAtTheDeadlineCountAsAttempts() throws Exception {
        receiver.on("/hook", n -> Answer.noAnswer());
        Path config = config(receiver.url("/hook"), 100, 5);
        serve = ServeProcess.start(config, Map.of());
        McpSyncClient client = connect(serve.awaitPort());
        for (int i = 0; i < 70; i++) {
            invoke(client, "tool_post_invoke", GatewayCalls.failedToolPayload());
        }
        client.closeGracefully();
        // 64 in flight (max_in_flight_per_endpoint), 6 queued behind them.
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("/hook").size() == 64);

        serve.sigterm();
        assertThat(serve.waitFor(Duration.ofSeconds(30))).isTrue();

        Map<String, Integer> listed = assertReportMatchesTheStore(serve.stderr(), config);
        assertThat(listed).hasSize(70);
        assertThat(listed.values().stream().filter(a -> a == 1).count()).isEqualTo(64);
        assertThat(listed.values().stream().filter(a -> a == 0).count()).isEqualTo(6);
        List<String> reached = receiver.received("/hook").stream().map(r -> r.headers().get("webhook-id")).toList();
        assertThat(reached).allSatisfy(id -> assertThat(listed).containsEntry(id, 1));
    }

    @Test
    void aRestartStoppedWithinTheKilledNodesLeaseListsWhatThatNodeLeftPending() throws Exception {
        receiver.on("/hook", n -> Answer.noAnswer());
        Path config = config(receiver.url("/hook"), 100, 5);
        serve = ServeProcess.start(config, Map.of());
        McpSyncClient client = connect(serve.awaitPort());
        for (int i = 0; i < 3; i++) {
            invoke(client, "tool_post_invoke", GatewayCalls.failedToolPayload());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("/hook").size() == 3);
        serve.kill();
        client.close();

        // A node of another id: the killed one's leases (30 s) hold its endpoint and deliveries still.
        serve = ServeProcess.start(config, Map.of());
        serve.awaitPort();
        serve.sigterm();
        assertThat(serve.waitFor(Duration.ofSeconds(30))).isTrue();

        Map<String, Integer> listed = assertReportMatchesTheStore(serve.stderr(), config);
        assertThat(listed).hasSize(3);
        assertThat(String.join("\n", serve.stderr())).doesNotContain("every delivery drained");
    }

    /** The report's summary and list against {@code deliveries list --status pending}; the listed ids and attempts. */
    private static Map<String, Integer> assertReportMatchesTheStore(List<String> stderr, Path config)
            throws Exception {
        String said = String.join("\n", stderr);
        Matcher summary = stderr.stream().map(SUMMARY::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError("no summary in:\n" + said));
        Map<String, Integer> reported = new TreeMap<>();
        stderr.stream().map(LISTED::matcher).filter(Matcher::find)
                .forEach(m -> assertThat(reported.put(m.group(1), Integer.parseInt(m.group(2)))).as(said).isNull());
        Map<String, Integer> stored = pendingInStore(config);

        assertThat(reported).as(said).isEqualTo(stored);
        assertThat(Long.parseLong(summary.group(4))).as(said).isEqualTo(stored.size());
        assertThat(said).contains("serve: " + stored.size() + " deliveries pending in the store")
                .doesNotContain("every delivery drained", "Exception", "\tat ");
        return reported;
    }

    private static Map<String, Integer> pendingInStore(Path config) throws Exception {
        Map<String, Integer> pending = new TreeMap<>();
        for (JsonNode d : JSON.readTree(herald("deliveries", "list", "--status", "pending", "--json", "--config",
                config.toString()))) {
            pending.put(d.get("id").asText(), d.get("attempts").asInt());
        }
        return pending;
    }

    private Path config(String url, int retryDelayMillis, int retryAttempts) throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                plugins:
                  - name: "WebhookNotification"
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                    hooks: ["tool_post_invoke"]
                    config:
                      allowed_networks: ["127.0.0.0/8"]
                      close_timeout: 1
                      store: {type: sqlite, path: "%s"}
                      webhooks:
                        - url: "%s"
                          name: "hook"
                          events: ["tool_error"]
                          authentication: {type: "standard_webhooks", secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}
                          timeout: 60
                          retry_attempts: %d
                          retry_delay: %d
                """.formatted(dir.resolve("store"), url, retryAttempts, retryDelayMillis));
        return config;
    }

    private static String closedPortUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/hook";
        }
    }

    private static McpSyncClient connect(int port) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
        return client;
    }

    private static void send(Writer in, String line) throws Exception {
        in.write(line + "\n");
        in.flush();
    }

    private static void awaitAnswer(BufferedReader out, int id) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            JsonNode message = JSON.readTree(line);
            if (message.path("id").asInt(-1) == id) {
                assertThat(message.has("error")).as(line).isFalse();
                return;
            }
        }
        throw new AssertionError("stdout ended before the answer to " + id);
    }

    private static List<String> lines(java.io.InputStream stream) {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)).lines().toList();
    }

    private static String herald(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(run.stderr()).isZero();
        return run.stdout();
    }
}
