package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.engine.testing.TestReceiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald serve --stdio} in its own process, as the gateway spawns it, fed the lines that used to kill it:
 * each is answered, nothing of Java reaches stdout or stderr, the valid calls after them are served and the end of
 * stdin ends the process, drained, with exit 0.
 */
@Tag("slow")
class ServeStdioHostileTrafficTest {
    @TempDir
    Path dir;

    private final TestReceiver receiver = new TestReceiver();
    private Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        receiver.close();
    }

    @Test
    void malformedLinesAreAnsweredAndTheGatewaysCallsStillServed() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                plugins:
                  - name: "WebhookNotification"
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                    hooks: ["tool_pre_invoke", "tool_post_invoke"]
                    config:
                      allowed_networks: ["127.0.0.0/8"]
                      webhooks:
                        - url: "%s"
                          events: ["tool_error"]
                          authentication: {type: "hmac", hmac_secret: "stdio-secret"}
                """.formatted(receiver.url("/hook")));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.herald.gateway.cli.HeraldCli", "serve", "--stdio",
                "--config", config.toString()).directory(dir.toFile());
        process = pb.start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process));
        StdioLines lines = new StdioLines(process.getOutputStream(), process.getInputStream());

        assertThat(lines.request(StdioLines.initialize(1)).at("/result/serverInfo/name").asText())
                .isEqualTo("herald-plugin-server");
        lines.send(StdioLines.INITIALIZED);
        String[] hostile = {"not json", "[]", "[" + StdioLines.toolsList(2) + "]", "{\"jsonrpc\":\"2.0\",\"id\":3}",
            "{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"tools/list\"}", "7", "{\"jsonrpc\":\"2.0\",\"id\":5,"
                + "\"method\":\"tools/call\",\"params\":{\"name\":{\"not\":\"a string\"}}}",
            // Passed to the SDK, which fails on it and logs a stack trace: stderr must show none of it.
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"logging/setLevel\",\"params\":{\"level\":{}}}"};
        for (String line : hostile) {
            JsonNode answer = lines.request(line);
            assertThat(answer.has("error")).as("%s -> %s", line, answer).isTrue();
        }
        JsonNode tools = lines.request(StdioLines.toolsList(10));
        assertThat(tools.at("/result/tools").size()).isEqualTo(3);
        JsonNode invoked = lines.request(StdioLines.invokeToolPreInvoke(11));
        assertThat(GatewayCalls.parse(invoked.at("/result/content/0/text").asText()))
                .isEqualTo(GatewayCalls.parse(GatewayCalls.RESULT));

        lines.endInput();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
        assertThat(process.exitValue()).isZero();
        assertThat(lines.awaitOutputEnd(Duration.ofSeconds(5))).isTrue();
        String err = stderr.get(5, TimeUnit.SECONDS);
        assertThat(err).as(err).contains("serve: every delivery drained").doesNotContain(StdioLines.JAVA_INTERNALS)
                .doesNotContain("stdio-secret");
        assertThat(lines.lines()).allSatisfy(l -> assertThat(l).doesNotContain(StdioLines.JAVA_INTERNALS));
    }

    private static String drain(Process process) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            process.getErrorStream().transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
