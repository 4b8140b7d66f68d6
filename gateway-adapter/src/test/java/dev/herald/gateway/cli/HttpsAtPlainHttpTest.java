package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.gateway.testing.PlainHttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code herald send} to an {@code https} URL at a plain-HTTP server, with the logging the command ships: one
 * failed delivery that says why in a line, no retry, and neither a hex dump of the answer nor a stack trace on
 * either stream.
 */
class HttpsAtPlainHttpTest {
    @TempDir
    Path dir;

    @Test
    void sendReportsAFinalTlsFailureInOneLineWithNoHexDumpNorStackTrace() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        int code;
        try (PlainHttpServer plain = new PlainHttpServer()) {
            Path config = dir.resolve("config.yaml");
            Files.writeString(config, """
                    allowed_networks: ["127.0.0.0/8"]
                    webhooks:
                      - url: "https://127.0.0.1:%d/hook/s3cr3t-path?token=q"
                        name: "ops"
                        events: ["tool_error"]
                        tls_insecure: true
                        retry_attempts: 3
                        retry_delay: 100
                        timeout: 5
                    """.formatted(plain.port()));
            String line = "{\"event\": \"tool_error\", \"metadata\": {\"tool_name\": \"search\", \"error\": \"x\"}}\n";
            // Logs go to the process's own streams (logback's console appender), which the command's are not.
            PrintStream captured = new PrintStream(logs, true, StandardCharsets.UTF_8);
            System.setOut(captured);
            System.setErr(captured);
            try {
                code = new CommandLine(new SendCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8))))
                        .execute("--config", config.toString());
            } finally {
                System.setOut(systemOut);
                System.setErr(systemErr);
            }
            // One attempt, one connection: no retry.
            assertThat(plain.connections()).isEqualTo(1);
        }
        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)
                + logs.toString(StandardCharsets.UTF_8);

        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern(
                "rejected ops msg_\\S+ event=tool_error attempts=1 error=\"[^\\n]*TLS handshake failed: the server"
                        + " answered plain HTTP")
                .contains("send: events=1 skipped=0 deliveries=1 delivered=0 failed=1");
        assertThat(all).as(all).doesNotContain("3c21444f43545950", "485454502f", "Exception", "\tat ",
                "s3cr3t-path", "token=q");
        assertThat(all.length()).as(all).isLessThan(1200);
    }
}
