package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code herald serve} prints the config's warnings when it starts, as {@code check} does. The port it is given is
 * taken, so that serve stops right after loading the config and starting Herald, without a signal.
 */
class ServeWarningsTest {
    @TempDir
    Path dir;

    @Test
    void serveNamesWhatIsAlmostSurelyAMistakeAtStart() throws Exception {
        Path config = Files.writeString(dir.resolve("plugins.yaml"), """
                plugins:
                  - name: "WebhookNotification"
                    kind: "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin"
                    config:
                      webhooks:
                        - url: "https://hooks.example.com/private/path?key=k3y"
                          events: ["tool_error"]
                          tls_insecure: true
                          authentication: {type: "bearer", token: "t0ken-secret"}
                      allowed_networks: ["0.0.0.0/0"]
                      store: {type: memory}
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServeCommand command = new ServeCommand();
            command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
            command.env = Map.of();
            exit = new CommandLine(command).execute("--config", config.toString(), "--port",
                    String.valueOf(taken.getLocalPort()));
        }
        String text = err.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(text).isEqualTo(1);
        assertThat(text.lines().filter(l -> l.startsWith("serve: warning: ")))
                .as(text)
                .anySatisfy(l -> assertThat(l).contains("tls_insecure"))
                .anySatisfy(l -> assertThat(l).contains("allowed_networks"));
        assertThat(text).doesNotContain("private/path", "k3y", "t0ken-secret", "Exception", "\tat ");
    }
}
