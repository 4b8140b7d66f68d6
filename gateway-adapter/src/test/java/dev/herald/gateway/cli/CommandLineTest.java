package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.auth.SeedHmacVerifier;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The herald command as a user runs it: real configs on disk, a real receiver on a loopback port. */
class CommandLineTest {
    @TempDir
    Path dir;

    private final TestReceiver receiver = new TestReceiver();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Path config(String yaml) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private String validConfig() {
        return """
                plugins:
                  - name: "WebhookNotification"
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                    hooks: ["tool_post_invoke"]
                    mode: "permissive"
                    priority: 900
                    config:
                      allowed_networks: ["127.0.0.0/8"]
                      webhooks:
                        - url: "%s"
                          name: "ops"
                          events: ["tool_success", "tool_error"]
                          authentication: {type: "hmac", hmac_secret: "cli-secret", hmac_algorithm: "sha256"}
                          retry_attempts: 2
                          retry_delay: 100
                          timeout: 5
                      payload_templates:
                        tool_error: '{"text": "Tool {{metadata.tool_name}} failed: {{metadata.error}}"}'
                """.formatted(receiver.url("/hook"));
    }

    private int run(Object command, String... args) {
        return new CommandLine(command).execute(args);
    }

    private PrintStream print(ByteArrayOutputStream s) {
        return new PrintStream(s, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkListsEndpointsAndRendersEveryTemplate() throws Exception {
        Path file = config(validConfig());

        int code = run(new CheckCommand(print(out), print(err)), "--config", file.toString());

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("ops", receiver.url("/… (path and query not shown)"), "tool_error, tool_success",
                "hmac sha256 in X-Signature", "retries: 2 after 100 ms, 200 ms",
                "payload_templates.tool_error", "Tool search_web failed: upstream answered 502",
                "check: the config is valid");
        assertThat(out()).doesNotContain("cli-secret").doesNotContain(receiver.url("/hook"));
    }

    @Test
    void checkSaysWhichEndpointsReceiveTheTraceContext() throws Exception {
        assertThat(run(new CheckCommand(print(out), print(err)), "--config", config(validConfig()).toString()))
                .isZero();
        assertThat(out()).doesNotContain("traceparent");

        out.reset();
        Path file = config(validConfig().replace("timeout: 5", "timeout: 5\n          propagate_trace_context: true"));
        assertThat(run(new CheckCommand(print(out), print(err)), "--config", file.toString())).as(err()).isZero();
        assertThat(out()).contains("traces:  each request carries its trace context (traceparent)");
    }

    @Test
    void checkListsEveryErrorAndExitsOne() throws Exception {
        Path file = config(validConfig().replace("retry_delay: 100", "retry_delay: 50")
                .replace("timeout: 5", "timeout: 500").replace("hmac_algorithm: \"sha256\"", "hmac_algorithm: md5"));

        int code = run(new CheckCommand(print(out), print(err)), "--config", file.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("retry_delay", "timeout", "hmac_algorithm").doesNotContain("cli-secret")
                .doesNotContain("Exception");
    }

    @Test
    void sendDeliversEachEventPrintsEachDeliveryAndSkipsBadLines() throws Exception {
        Path file = config(validConfig());
        receiver.on("/hook", n -> n == 1 ? Answer.status(503) : Answer.status(200));
        String lines = """
                {"event": "tool_error", "request_id": "r1", "user": "bob \\"b\\"", "metadata": {"tool_name": "search", "error": "boom"}}
                this is not json
                {"event": "tool_success", "request_id": "r2", "metadata": {"tool_name": "search"}}
                """;

        int code = run(new SendCommand(print(out), print(err), new ByteArrayInputStream(lines.getBytes(
                StandardCharsets.UTF_8))), "--config", file.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("line 2 skipped");
        assertThat(out()).contains("send: events=2 skipped=1 deliveries=2 delivered=2 failed=0");
        assertThat(out().lines().filter(l -> l.startsWith("delivered ops msg_"))).hasSize(2);
        assertThat(receiver.received("/hook")).hasSize(3);
        TestReceiver.Received error = receiver.received("/hook").stream()
                .filter(r -> r.text().contains("failed")).findFirst().orElseThrow();
        assertThat(error.text()).isEqualTo("{\"text\": \"Tool search failed: boom\"}");
        SeedHmacVerifier.of("cli-secret").verify(error.headers(), error.body());
    }

    @Test
    void sendExitsZeroWhenEveryDeliverySucceeds() throws Exception {
        Path file = config(validConfig());
        Path events = dir.resolve("events.jsonl");
        Files.writeString(events, "{\"event\": \"tool_success\", \"metadata\": {\"tool_name\": \"a\"}}\n"
                + "{\"event\": \"violation\"}\n");

        int code = run(new SendCommand(print(out), print(err), new ByteArrayInputStream(new byte[0])),
                "--config", file.toString(), "--event-file", events.toString());

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("send: events=2 skipped=0 deliveries=1 delivered=1 failed=0");
        assertThat(err()).contains("line 2 (violation) matches no endpoint");
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"demo", "check", "send"}) {
            CommandLine cli = new CommandLine(new HeraldCli());
            cli.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
            assertThat(cli.execute(cmd, "--help")).isZero();
        }
        assertThat(out()).contains("Usage: herald demo", "Usage: herald check", "Usage: herald send");
    }
}
