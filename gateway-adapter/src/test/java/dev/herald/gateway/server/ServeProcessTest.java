package dev.herald.gateway.server;

import static dev.herald.gateway.server.GatewayCalls.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.auth.SeedHmacVerifier;
import dev.herald.gateway.testing.TestReceiver;
import dev.herald.gateway.testing.TestReceiver.Answer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald serve} as the gateway runs it: its own process, a YAML config, the SDK's client over HTTP, and
 * SIGTERM while a delivery is still on its way, which must drain rather than drop it.
 */
class ServeProcessTest {
    private static final Pattern LISTENING = Pattern.compile("on (http://127\\.0\\.0\\.1:(\\d+)/mcp)");

    @TempDir
    Path dir;

    private final TestReceiver receiver = new TestReceiver();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        receiver.close();
    }

    @Test
    void servesTheGatewayAndDrainsOnSigterm() throws Exception {
        receiver.on("/hook", n -> Answer.slow(200, Duration.ofMillis(1500)));
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                plugins:
                  - name: "WebhookNotification"
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                    hooks: ["tool_post_invoke"]
                    config:
                      allowed_networks: ["127.0.0.0/8"]
                      webhooks:
                        - url: "%s"
                          events: ["tool_error"]
                          authentication: {type: "hmac", hmac_secret: "{{ env.HOOK_SECRET }}"}
                """.formatted(receiver.url("/hook")));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.herald.gateway.cli.HeraldCli", "serve",
                "--port", "0");
        pb.environment().put("PLUGINS_CONFIG_PATH", config.toString());
        pb.environment().put("HOOK_SECRET", "serve-secret");
        process = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                r.lines().forEach(stderr::add);
            } catch (Exception ignored) {
                // The process ended; what it said is in stderr already.
            }
        });
        reader.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> stderr.stream().anyMatch(l -> LISTENING.matcher(l).find()));
        Matcher m = stderr.stream().map(LISTENING::matcher).filter(Matcher::find).findFirst().orElseThrow();
        String port = m.group(2);

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
        JsonNode answer = invoke(client, "tool_post_invoke", GatewayCalls.failedToolPayload());
        assertThat(answer.path("result").path("continue_processing").asBoolean()).isTrue();
        client.closeGracefully();

        // SIGTERM, as an orchestrator stops the plugin; Process.destroy() would also close the pipes we read.
        process.toHandle().destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(5000);

        assertThat(stderr).as(String.join("\n", stderr)).contains("serve: every delivery drained");
        List<TestReceiver.Received> got = receiver.received("/hook");
        assertThat(got).hasSize(1);
        assertThat(got.get(0).text()).contains("\"event\": \"tool_error\"");
        SeedHmacVerifier.of("serve-secret").verify(got.get(0).headers(), got.get(0).body());
        assertThat(String.join("\n", stderr)).doesNotContain("serve-secret");
    }
}
