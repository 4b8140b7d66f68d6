package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code herald send} in a JVM of its own, stopped by SIGTERM while its delivery hangs on a receiver that never
 * answers: like {@code serve}, it prints the summary and the id of each delivery it could not finish, rather than
 * dying silently with the deliveries unaccounted for.
 */
@Tag("slow")
class SendSignalTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path dir;

    private final TestReceiver receiver = new TestReceiver();
    private Process send;

    @AfterEach
    void stop() {
        if (send != null) {
            send.destroyForcibly();
        }
        receiver.close();
    }

    @Test
    void sigtermPrintsTheSummaryAndTheUndeliveredIds() throws Exception {
        receiver.on("/hook", n -> Answer.noAnswer());
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                allowed_networks: ["127.0.0.0/8"]
                close_timeout: 1
                webhooks:
                  - {url: "%s", name: ops, events: [tool_error], timeout: 120, retry_attempts: 0,
                     authentication: {type: standard_webhooks, secret: "%s"}}
                """.formatted(receiver.url("/hook"), SECRET));
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, "{\"event\": \"tool_error\", \"metadata\": {\"tool_name\": \"search\"}}\n");
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        send = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HeraldCli.class.getName(), "send", "--config",
                config.toString(), "--event-file", events.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("/hook").size() == 1);
        String deliveryId = receiver.received("/hook").get(0).headers().get("webhook-id");
        send.toHandle().destroy();

        assertThat(send.waitFor(20, TimeUnit.SECONDS)).as("send ended after SIGTERM").isTrue();
        List<String> stdout = Files.readAllLines(out, StandardCharsets.UTF_8);
        List<String> stderr = Files.readAllLines(err, StandardCharsets.UTF_8);
        assertThat(send.exitValue()).isNotZero();
        assertThat(stdout).as(String.join("\n", stderr)).contains(
                "send: interrupted: events=1 skipped=0 deliveries=1 delivered=0 failed=0 undelivered=1");
        assertThat(stderr).contains("send: 1 deliveries not delivered before the deadline:",
                "  ops " + deliveryId + " event=tool_error attempts=1");
        assertThat(String.join("\n", stderr)).doesNotContain("Exception", "\tat ", SECRET);
    }
}
