package dev.herald.gateway.server;

import org.junit.jupiter.api.Tag;
import static dev.herald.gateway.server.GatewayCalls.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.auth.SeedHmacVerifier;
import dev.herald.gateway.testing.ServeProcess;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald serve} as the gateway runs it: its own process, a YAML config, the SDK's client over HTTP, and
 * SIGTERM while a delivery is still on its way, which must drain rather than drop it.
 */
@Tag("slow")
class ServeProcessTest {
    @TempDir
    Path dir;

    private final TestReceiver receiver = new TestReceiver();
    private ServeProcess serve;

    @AfterEach
    void stop() {
        if (serve != null) {
            serve.close();
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
        serve = ServeProcess.start(config, Map.of("HOOK_SECRET", "serve-secret"));
        String port = String.valueOf(serve.awaitPort());

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                .endpoint("/mcp").build()).requestTimeout(Duration.ofSeconds(10)).build();
        client.initialize();
        JsonNode answer = invoke(client, "tool_post_invoke", GatewayCalls.failedToolPayload());
        assertThat(answer.path("result").path("continue_processing").asBoolean()).isTrue();
        client.closeGracefully();

        serve.sigterm();
        assertThat(serve.waitFor(Duration.ofSeconds(30))).isTrue();
        List<String> stderr = serve.stderr();

        assertThat(stderr).as(String.join("\n", stderr)).contains("serve: every delivery drained",
                "serve: deliveries are kept in sqlite at " + Path.of(".herald", "herald.db"));
        // No store: block, so serve keeps its deliveries in ./.herald, where it runs.
        assertThat(dir.resolve(".herald").resolve("herald.db")).isRegularFile();
        List<TestReceiver.Received> got = receiver.received("/hook");
        assertThat(got).hasSize(1);
        assertThat(got.get(0).text()).contains("\"event\": \"tool_error\"");
        SeedHmacVerifier.of("serve-secret").verify(got.get(0).headers(), got.get(0).body());
        assertThat(String.join("\n", stderr)).doesNotContain("serve-secret");
    }
}
