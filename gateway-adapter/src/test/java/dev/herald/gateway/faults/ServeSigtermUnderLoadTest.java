package dev.herald.gateway.faults;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.gateway.testing.ServeProcess;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code herald serve} while a slow endpoint holds dozens of deliveries and more wait: it drains until
 * its {@code close_timeout}, exits, and reports every delivery it could not make, so that what the receiver got and
 * what serve reports add up to what the gateway handed over.
 */
@Tag("slow")
class ServeSigtermUnderLoadTest {
    private static final int HOOK_CALLS = 300;
    private static final int ANSWERED = 150;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Pattern SUMMARY = Pattern.compile("serve: stopped: deliveries=(\\d+) delivered=(\\d+)"
            + " failed=(\\d+) undelivered=(\\d+); events refused=(\\d+)");
    private static final Pattern UNDELIVERED = Pattern.compile(
            "^  webhook (msg_[0-9a-f]{32}) event=tool_error attempts=[01]$");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sigtermDrainsUntilItsDeadlineAndReportsEveryDeliveryItCouldNotMake() throws Exception {
        // The first 150 requests are answered after 300 ms; every later one is held for good.
        try (HoldingReceiver receiver = new HoldingReceiver(ANSWERED, Duration.ofMillis(300))) {
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    plugins:
                      - name: "WebhookNotification"
                        kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                        hooks: ["tool_post_invoke"]
                        config:
                          allowed_networks: ["127.0.0.0/8"]
                          close_timeout: %d
                          webhooks:
                            - url: "%s"
                              name: "webhook"
                              events: ["tool_error"]
                              authentication: {type: "standard_webhooks", secret: "{{ env.HOOK_SECRET }}"}
                              timeout: 60
                    """.formatted(CLOSE_TIMEOUT.toSeconds(), receiver.url()));
            try (ServeProcess serve = ServeProcess.start(config, Map.of("HOOK_SECRET", SideBySide.SECRET))) {
                int port = serve.awaitPort();
                McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
                        .builder("http://127.0.0.1:" + port).endpoint("/mcp").build())
                        .requestTimeout(Duration.ofSeconds(10)).build();
                client.initialize();
                for (int i = 0; i < HOOK_CALLS; i++) {
                    assertThat(invokeToolPostInvoke(client, i).path("result").path("continue_processing").asBoolean())
                            .isTrue();
                }
                client.closeGracefully();
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.arrivals() >= ANSWERED);

                long t0 = System.nanoTime();
                serve.sigterm();
                assertThat(serve.waitFor(CLOSE_TIMEOUT.plus(GRACE).plusSeconds(10))).isTrue();
                long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                List<String> stderr = serve.stderr();
                String said = String.join("\n", stderr);

                assertThat(Duration.ofMillis(stopMillis)).as(said).isBetween(CLOSE_TIMEOUT, CLOSE_TIMEOUT.plus(GRACE));
                Matcher summary = stderr.stream().map(SUMMARY::matcher).filter(Matcher::find).findFirst()
                        .orElseThrow(() -> new AssertionError("no summary in:\n" + said));
                Set<String> undelivered = new HashSet<>();
                stderr.stream().map(UNDELIVERED::matcher).filter(Matcher::find)
                        .forEach(m -> assertThat(undelivered.add(m.group(1))).as("listed twice").isTrue());
                List<String> delivered = receiver.delivered();

                assertThat(Long.parseLong(summary.group(1))).as("deliveries taken").isEqualTo(HOOK_CALLS);
                assertThat(delivered).doesNotHaveDuplicates().hasSize(ANSWERED);
                assertThat(Long.parseLong(summary.group(2))).as("delivered").isEqualTo(delivered.size());
                assertThat(Long.parseLong(summary.group(3))).as("failed").isZero();
                assertThat(Long.parseLong(summary.group(4))).as(said).isEqualTo(undelivered.size());
                assertThat(undelivered).doesNotContainAnyElementsOf(delivered);
                assertThat(delivered.size() + undelivered.size()).isEqualTo(HOOK_CALLS);
                // Every request the receiver saw but did not answer is among those reported.
                Set<String> heldOrNeverSent = new HashSet<>(receiver.seen());
                delivered.forEach(heldOrNeverSent::remove);
                assertThat(undelivered).containsAll(heldOrNeverSent);
                assertThat(said).doesNotContain(SideBySide.SECRET);
                // The endpoint never failed: shutting down must not blame it.
                assertThat(said).doesNotContain("circuit opened");
                System.out.printf("fault scenario [SIGTERM to serve under load]: hook calls=%d delivered=%d"
                        + " (receiver) reported undelivered=%d (of which held in flight=%d); exited %d ms after"
                        + " SIGTERM (close_timeout %d ms)%n", HOOK_CALLS, delivered.size(), undelivered.size(),
                        heldOrNeverSent.size(), stopMillis, CLOSE_TIMEOUT.toMillis());
            }
        }
    }

    private static JsonNode invokeToolPostInvoke(McpSyncClient client, int i) throws Exception {
        Map<String, Object> args = Map.of("hook_type", "tool_post_invoke", "plugin_name", "WebhookNotification",
                "payload", Map.of("name", "search", "result", Map.of("content",
                        List.of(Map.of("type", "text", "text", "boom " + i)), "isError", true)),
                "context", Map.of("state", Map.of(), "metadata", Map.of(), "global_context", Map.of(
                        "request_id", "r" + i, "user", "alice", "tenant_id", "acme", "server_id", "srv-1",
                        "state", Map.of(), "metadata", Map.of())));
        CallToolResult result = client.callTool(new CallToolRequest("invoke_hook", args));
        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        return JSON.readTree(((TextContent) result.content().get(0)).text());
    }
}
