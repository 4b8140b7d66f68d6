package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code herald serve}'s metrics, OpenTelemetry and log settings as an operator gets them wrong: each bad one stops
 * start-up with exit 2 and one line naming it, without a stack trace and before the config is read (the config
 * has no plugin, which loading would refuse with exit 1).
 */
class ServeTelemetryOptionsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int serve(Map<String, String> env, String... args) throws Exception {
        Path config = Files.writeString(dir.resolve("config.yaml"), "plugins: []\n");
        ServeCommand command = new ServeCommand();
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        command.env = env;
        String[] all = new String[args.length + 4];
        all[0] = "--config";
        all[1] = config.toString();
        all[2] = "--port";
        all[3] = "0";
        System.arraycopy(args, 0, all, 4, args.length);
        return new CommandLine(command).execute(all);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "OTEL_TRACES_EXPORTER|jaeger-thrift|serve: OpenTelemetry settings: Unrecognized value for OTEL_TRACES_EXPORTER",
        "OTEL_BSP_SCHEDULE_DELAY|soon|serve: OpenTelemetry settings: Invalid duration property OTEL_BSP_SCHEDULE_DELAY",
        "OTEL_EXPORTER_OTLP_PROTOCOL|grpc|serve: OTEL_EXPORTER_OTLP_PROTOCOL: herald serve sends OTLP over HTTP only",
        "OTEL_METRICS_EXPORTER|prometheus|serve: OTEL_METRICS_EXPORTER: herald serve pushes metrics with otlp only",
        "OTEL_EXPORTER_OTLP_HEADERS|Bearer s3cret|serve: OTEL_EXPORTER_OTLP_HEADERS: must be key=value pairs",
        "HERALD_METRICS_PORT|metrics|serve: HERALD_METRICS_PORT: must be a port number from 0 to 65535",
        "HERALD_METRICS_HOST|127.0.0.1|serve: HERALD_METRICS_HOST: the metrics listener needs a port",
        "HERALD_LOG_FORMAT|yaml|serve: HERALD_LOG_FORMAT: must be text or json, got 'yaml'"})
    void aBadVariableIsExit2AndOneLineNamingIt(String variable, String value, String line) throws Exception {
        // Traces on: the SDK reads (and checks) only the settings of what it exports.
        assertThat(serve(Map.of(variable, value, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:9")))
                .as(err()).isEqualTo(2);

        assertThat(err().lines()).singleElement().asString().startsWith(line).doesNotContain("s3cret");
        assertThat(err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void badOptionsAreExit2NamingThem() throws Exception {
        assertThat(serve(Map.of(), "--log-format", "xml")).isEqualTo(2);
        assertThat(serve(Map.of(), "--metrics-port", "70000")).isEqualTo(2);
        assertThat(serve(Map.of(), "--metrics-host", "127.0.0.1")).isEqualTo(2);

        assertThat(err().lines()).containsExactly(
                "serve: --log-format: must be text or json, got 'xml'",
                "serve: --metrics-port: must be a port number from 0 to 65535, got 70000",
                "serve: --metrics-host: the metrics listener needs a port: give --metrics-port or set"
                        + " HERALD_METRICS_PORT (without one, /metrics is on the plugin server's listener)");
    }

    @Test
    void aMetricsListenerOffLoopbackWithoutTlsIsRefusedEvenBesideAUnixSocket() throws Exception {
        assertThat(serve(Map.of(), "--metrics-host", "0.0.0.0", "--metrics-port", "0")).isEqualTo(2);
        assertThat(serve(Map.of("HERALD_METRICS_HOST", "192.168.1.10", "HERALD_METRICS_PORT", "9464",
                "PLUGINS_SERVER_UDS", dir.resolve("s.sock").toString()))).isEqualTo(2);

        assertThat(err().lines()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("serve: refusing to serve"
                + " metrics on ").contains("without TLS", "PLUGINS_SERVER_SSL_ENABLED=true", "--insecure-bind-any"));
    }

    @Test
    void allowedOffLoopbackTheMetricsListenerIsWarnedAboutAndServeGoesOnToTheConfig() throws Exception {
        int exit = serve(Map.of(), "--metrics-host", "0.0.0.0", "--metrics-port", "0", "--insecure-bind-any");

        assertThat(exit).as(err()).isEqualTo(1);
        assertThat(err()).contains("serve: WARN serving metrics on 0.0.0.0 over plain HTTP without authentication");
    }
}
