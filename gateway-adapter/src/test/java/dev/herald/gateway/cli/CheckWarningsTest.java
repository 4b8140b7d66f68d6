package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code herald check} prints the config's warnings: what loads but is almost surely a mistake. */
class CheckWarningsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(String yaml) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return new CommandLine(new CheckCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute("--config", file.toString());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkPrintsEveryWarningAndStillExitsZero() throws Exception {
        int code = check("""
                allowed_networks: ["0.0.0.0/0"]
                webhooks:
                  - url: "http://hooks.example.com/secret-path"
                    authentication: {type: bearer, token: "warned-token-123"}
                    tls_insecure: true
                """);

        assertThat(code).as(err()).isZero();
        assertThat(err()).contains("check: warning: allowed_networks[0]: allows every address",
                "check: warning: webhooks[0].url: the bearer token is sent in clear text over http://",
                "check: warning: webhooks[0].tls_insecure: the receiver's certificate and host name are not verified");
        assertThat(out()).contains("check: the config is valid, with 3 warnings");
        assertThat(out() + err()).doesNotContain("warned-token-123", "secret-path");
    }
}
