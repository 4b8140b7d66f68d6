package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.engine.testing.TestReceiver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code herald send} fed what users and scripts feed it by mistake: a typo in an event type, a line with trailing
 * garbage or a duplicate key, a line with several wrong fields, bytes that are not UTF-8, a missing file. Each is
 * refused with every problem named at its line and key, valid lines are still sent, and the exit says so.
 */
class SendCommandTest {
    @TempDir
    Path dir;

    private final TestReceiver receiver = new TestReceiver();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Path config() throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                allowed_networks: ["127.0.0.0/8"]
                webhooks:
                  - {url: "%s", name: ops, events: [tool_error, deploy.finished], retry_attempts: 0}
                """.formatted(receiver.url("/hook")));
        return file;
    }

    private int send(byte[] stdin, String... args) {
        CommandLine cli = new CommandLine(new SendCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(stdin)));
        OneLineErrors errors = new OneLineErrors(false);
        cli.setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors);
        return cli.execute(args);
    }

    private int send(String stdin, String... args) {
        return send(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    private List<String> errLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownEventTypeIsSkippedWithTheNearestKnownOneAndFailsTheRun() throws Exception {
        String lines = """
                {"event": "tool_eror", "metadata": {"tool_name": "search"}}
                {"event": "deploy.finishd"}
                {"event": "deploy.finished"}
                {"event": "tool_error", "metadata": {"tool_name": "search", "error": "boom"}}
                """;

        int code = send(lines, "--config", config().toString());

        assertThat(code).isEqualTo(1);
        assertThat(errLines()).containsExactly(
                "send: line 1 skipped: event: unknown event type 'tool_eror' (nearest known: 'tool_error'); no"
                        + " endpoint of the config subscribes to it",
                "send: line 2 skipped: event: unknown event type 'deploy.finishd' (nearest known:"
                        + " 'deploy.finished'); no endpoint of the config subscribes to it");
        assertThat(out()).contains("send: events=2 skipped=2 deliveries=2 delivered=2 failed=0");
        assertThat(receiver.received("/hook")).hasSize(2);
    }

    @Test
    void trailingGarbageAndDuplicateKeysAreRefusedLikeTheConfigLoaderRefusesThem() throws Exception {
        String lines = """
                {"event": "tool_error"} {"event": "tool_error"}
                {"event": "tool_error"}]
                {"event": "tool_error", "user": "a", "event": "tool_success"}
                {"event": "tool_error", "metadata": {"tool_name": "a", "tool_name": "b"}}
                """;

        int code = send(lines, "--config", config().toString());

        assertThat(code).isEqualTo(1);
        assertThat(errLines()).hasSize(4);
        assertThat(errLines().get(0)).isEqualTo("send: line 1 skipped: not one JSON object: more follows it at"
                + " column 25");
        assertThat(errLines().get(1)).isEqualTo("send: line 2 skipped: not JSON at column 24: Unexpected close marker"
                + " ']': no open Array to close");
        assertThat(errLines().get(2)).startsWith("send: line 3 skipped: not JSON at column ")
                .contains("Duplicate field 'event'");
        assertThat(errLines().get(3)).startsWith("send: line 4 skipped: not JSON at column ")
                .contains("Duplicate field 'tool_name'");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("FAIL_ON_TRAILING_TOKENS", "jackson",
                "Exception");
        assertThat(out()).contains("send: events=0 skipped=4 deliveries=0");
        assertThat(receiver.received("/hook")).isEmpty();
    }

    @Test
    void everyFieldErrorOfALineIsReportedWithItsLineAndKey() throws Exception {
        String lines = "{\"event\": \"tool_error\"}\n"
                + "{\"event\": 7, \"colour\": \"red\", \"request_id\": {\"a\": 1}, \"metadata\": [1],"
                + " \"violation\": {\"reason\": [], \"details\": 3, \"severity\": 2}, \"timestamp\": \"yesterday\","
                + " \"event_id\": \" \"}\n";

        int code = send(lines, "--config", config().toString());

        assertThat(code).isEqualTo(1);
        assertThat(errLines()).containsExactly(
                "send: line 2 skipped: 'colour': unknown key; known: event, request_id, user, tenant_id,"
                        + " server_id, violation, metadata, payload, timestamp, event_id, plugin_name",
                "send: line 2 skipped: event: must be a string, got a number",
                "send: line 2 skipped: request_id: must be a string, got an object",
                "send: line 2 skipped: violation.'severity': unknown key; known: code, description, details,"
                        + " reason",
                "send: line 2 skipped: violation.reason: must be a string, got an array",
                "send: line 2 skipped: violation.details: must be an object, got a number",
                "send: line 2 skipped: metadata: must be an object, got an array",
                "send: line 2 skipped: event_id: must not be blank",
                "send: line 2 skipped: timestamp: not an ISO-8601 date-time with an offset"
                        + " (2026-11-29T12:00:00Z), got 'yesterday'");
        assertThat(out()).contains("send: events=1 skipped=1 deliveries=1 delivered=1 failed=0");
    }

    @Test
    void invalidUtf8InAFileOrOnStandardInputIsOneLineAndExitTwo() throws Exception {
        byte[] bad = "{\"event\": \"tool_error\"}\n{\"event\": \"tool_error\", \"user\": \"caf\u00e9\"}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("events.jsonl");
        Files.write(file, bad);

        assertThat(send(new byte[0], "--config", config().toString(), "--event-file", file.toString())).isEqualTo(2);
        assertThat(errLines()).containsExactly("send: " + file + " is not UTF-8 text (line 2); nothing after it was"
                + " read");
        assertThat(out()).contains("send: events=1 skipped=0 deliveries=1 delivered=1");

        err.reset();
        assertThat(send(bad, "--config", config().toString())).isEqualTo(2);
        assertThat(errLines()).containsExactly("send: standard input is not UTF-8 text (line 2); nothing after it"
                + " was read");
        assertThat(receiver.received("/hook")).hasSize(2)
                .allMatch(r -> r.text().contains("tool_error") && !r.text().contains("caf"));
    }

    @Test
    void aMissingOrUnreadableEventFileIsOneLineAndExitTwo() throws Exception {
        Path missing = dir.resolve("nope.jsonl");

        assertThat(send(new byte[0], "--config", config().toString(), "--event-file", missing.toString()))
                .isEqualTo(2);
        assertThat(errLines()).containsExactly("send: --event-file: no such file: " + missing);

        err.reset();
        assertThat(send(new byte[0], "--config", config().toString(), "--event-file", dir.toString())).isEqualTo(2);
        assertThat(errLines()).containsExactly("send: --event-file: a directory, not a file: " + dir);
        assertThat(receiver.received("/hook")).isEmpty();
    }

    @Test
    void aLineWithoutEndIsCutAtItsLimitNotReadIntoTheHeap() throws Exception {
        String huge = "{\"event\": \"tool_error\", \"user\": \"" + "a".repeat(Utf8Lines.MAX_LINE_BYTES) + "\"}\n";

        int code = send(huge + "{\"event\": \"tool_error\"}\n", "--config", config().toString());

        assertThat(code).isEqualTo(1);
        assertThat(errLines()).containsExactly("send: line 1 skipped: longer than 1048576 bytes");
        assertThat(out()).contains("send: events=1 skipped=1 deliveries=1 delivered=1");
    }
}
