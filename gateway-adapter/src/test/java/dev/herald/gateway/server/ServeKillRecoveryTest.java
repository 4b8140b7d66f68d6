package dev.herald.gateway.server;

import org.junit.jupiter.api.Tag;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code herald serve} with every accepted delivery still in flight: the next serve on the same
 * SQLite store sends each of them, with the delivery id ({@code webhook-id}) it had before the kill. At-least-once:
 * a duplicate is allowed, and counted.
 */
@Tag("slow")
class ServeKillRecoveryTest {
    private static final int EVENTS = 30;
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path dir;

    private final TestReceiver receiver = new TestReceiver();
    private final AtomicBoolean healthy = new AtomicBoolean();
    private ServeProcess serve;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.close();
        }
        receiver.close();
    }

    @Test
    void everyAcceptedDeliveryArrivesAfterKillAndRestartWithItsId() throws Exception {
        // Held for good until the kill: the deliveries are in flight when the process dies.
        receiver.on("/hook", n -> healthy.get() ? Answer.status(200) : Answer.noAnswer());
        Path store = dir.resolve("store");
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                plugins:
                  - name: "WebhookNotification"
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                    hooks: ["tool_post_invoke"]
                    config:
                      allowed_networks: ["127.0.0.0/8"]
                      store: {type: sqlite, path: "%s", node: serve-1, lease: 2, poll_interval: 0.1}
                      webhooks:
                        - url: "%s"
                          name: "hook"
                          events: ["tool_error"]
                          authentication: {type: "standard_webhooks", secret: "%s"}
                          timeout: 60
                          retry_attempts: 5
                          retry_delay: 100
                """.formatted(store, receiver.url("/hook"), SECRET));

        serve = ServeProcess.start(config, Map.of());
        int port = serve.awaitPort();
        assertThat(serve.stderr()).contains("serve: deliveries are kept in sqlite at " + store.resolve("herald.db"));
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
        for (int i = 0; i < EVENTS; i++) {
            JsonNode answer = invoke(client, "tool_post_invoke", GatewayCalls.failedToolPayload());
            assertThat(answer.path("result").path("continue_processing").asBoolean()).isTrue();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(receiver.received("/hook")).size() == EVENTS);
        Set<String> heldIds = ids(receiver.received("/hook"));
        int beforeKill = receiver.received("/hook").size();

        serve.kill();

        // What the store kept: every accepted delivery, pending, with the id the receiver saw.
        JsonNode pending = new ObjectMapper().readTree(heraldStdout("deliveries", "list", "--status", "pending",
                "--json", "--config", config.toString()));
        assertThat(pending).hasSize(EVENTS);
        assertThat(pending.findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(heldIds);

        healthy.set(true);
        long t0 = System.nanoTime();
        serve = ServeProcess.start(config, Map.of());
        serve.awaitPort();
        await().atMost(Duration.ofSeconds(20)).until(() -> ids(afterRestart(beforeKill)).containsAll(heldIds));
        long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        serve.sigterm();
        assertThat(serve.waitFor(Duration.ofSeconds(30))).isTrue();

        List<TestReceiver.Received> after = afterRestart(beforeKill);
        assertThat(ids(after)).isEqualTo(heldIds);
        int duplicates = after.size() - EVENTS;
        System.out.printf("kill -9 recovery: accepted=%d held before kill=%d delivered after restart=%d"
                + " (distinct %d) duplicates=%d restart-to-all-delivered=%d ms%n", EVENTS, beforeKill, after.size(),
                ids(after).size(), duplicates, recoveryMillis);
        JsonNode delivered = new ObjectMapper().readTree(heraldStdout("deliveries", "list", "--status", "delivered",
                "--json", "--config", config.toString()));
        assertThat(delivered.findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(heldIds);
    }

    private List<TestReceiver.Received> afterRestart(int beforeKill) {
        List<TestReceiver.Received> all = receiver.received("/hook");
        return all.subList(beforeKill, all.size());
    }

    private static Set<String> ids(List<TestReceiver.Received> received) {
        return received.stream().map(r -> r.headers().get("webhook-id")).collect(Collectors.toCollection(HashSet::new));
    }

    private static String heraldStdout(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(run.stderr()).isZero();
        return run.stdout();
    }
}
