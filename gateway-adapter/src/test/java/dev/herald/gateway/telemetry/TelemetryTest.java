package dev.herald.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.gateway.testing.OtlpCollector;
import dev.herald.gateway.testing.OtlpCollector.Post;
import dev.herald.transport.http.HttpTransportConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code herald serve} sends to an OpenTelemetry collector, as the {@code OTEL_*} variables ask: nothing when
 * none is set; metrics pushed with OTLP over HTTP beside the Prometheus registry, traces through the SDK, both to a
 * real loopback collector; the last of each when it closes; and a bad value refused naming its variable.
 */
class TelemetryTest {
    private static final String METRICS = "/v1/metrics";
    private static final String TRACES = "/v1/traces";

    @Test
    void nothingIsSentWhenNoVariableIsSet() {
        OtelEnvironment otel = OtelEnvironment.read(Map.of("PATH", "/usr/bin"));

        assertThat(otel.metricsPush()).isNull();
        assertThat(otel.tracesExported()).isFalse();
        assertThat(otel.sdkProperties()).containsEntry("otel.traces.exporter", "none")
                .containsEntry("otel.metrics.exporter", "none").containsEntry("otel.logs.exporter", "none")
                .containsEntry("otel.service.name", "herald");
        assertThat(otel.warnings()).isEmpty();
        try (Telemetry telemetry = Telemetry.start(otel)) {
            assertThat(telemetry.meterRegistry()).isSameAs(telemetry.prometheus());
        }
    }

    @Test
    void theCollectorsEndpointSendsTracesAndMetricsThereAndAnExporterOfNoneTurnsOneOff() {
        OtelEnvironment both = OtelEnvironment.read(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/"));
        OtelEnvironment tracesOnly = OtelEnvironment.read(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://collector:4318", "OTEL_METRICS_EXPORTER", "none"));
        OtelEnvironment metricsOnly = OtelEnvironment.read(Map.of("OTEL_METRICS_EXPORTER", "otlp",
                "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "https://metrics.example:4318/otlp/v1/metrics"));
        OtelEnvironment disabled = OtelEnvironment.read(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://collector:4318", "OTEL_SDK_DISABLED", "true"));

        assertThat(both.metricsPush().url()).isEqualTo(URI.create("http://collector:4318/v1/metrics"));
        assertThat(both.tracesExported()).isTrue();
        assertThat(both.sdkProperties()).containsEntry("otel.traces.exporter", "otlp")
                .containsEntry("otel.exporter.otlp.protocol", "http/protobuf")
                .containsEntry("otel.metrics.exporter", "none");
        assertThat(tracesOnly.metricsPush()).isNull();
        assertThat(tracesOnly.tracesExported()).isTrue();
        assertThat(metricsOnly.metricsPush().url()).isEqualTo(URI.create(
                "https://metrics.example:4318/otlp/v1/metrics"));
        assertThat(metricsOnly.tracesExported()).isFalse();
        assertThat(OtelEnvironment.read(Map.of("OTEL_METRICS_EXPORTER", "otlp")).metricsPush().url())
                .isEqualTo(URI.create("http://localhost:4318/v1/metrics"));
        assertThat(disabled.metricsPush()).isNull();
        assertThat(disabled.tracesExported()).isFalse();
    }

    @Test
    void thePushsSettingsComeFromTheirVariablesAndItsHeadersAreNeverShown() {
        OtelEnvironment otel = OtelEnvironment.read(Map.of("OTEL_METRICS_EXPORTER", "otlp",
                "OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=k3y%3D,tenant=acme", "OTEL_METRIC_EXPORT_INTERVAL", "15000",
                "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "delta", "OTEL_SERVICE_NAME", "herald-eu",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod,service.name=ignored"));

        OtelEnvironment.MetricsPush push = otel.metricsPush();
        assertThat(push.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("x-api-key", "k3y=", "tenant", "acme"));
        assertThat(push.step()).isEqualTo(Duration.ofSeconds(15));
        assertThat(push.cumulative()).isFalse();
        assertThat(push.resourceAttributes()).containsEntry("service.name", "herald-eu")
                .containsEntry("deployment.environment", "prod");
        assertThat(otel.sdkProperties()).containsEntry("otel.service.name", "herald-eu");
        assertThat(push.toString()).contains("x-api-key").doesNotContain("k3y");
        assertThat(OtelEnvironment.read(Map.of("OTEL_LOGS_EXPORTER", "otlp")).warnings()).singleElement()
                .asString().startsWith("OTEL_LOGS_EXPORTER is ignored");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "OTEL_EXPORTER_OTLP_PROTOCOL|grpc|OTEL_EXPORTER_OTLP_PROTOCOL: herald serve sends OTLP over HTTP only",
        "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL|http/json|OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: herald serve sends OTLP",
        "OTEL_METRICS_EXPORTER|prometheus|OTEL_METRICS_EXPORTER: herald serve pushes metrics with otlp only",
        "OTEL_METRIC_EXPORT_INTERVAL|soon|OTEL_METRIC_EXPORT_INTERVAL: must be a positive number of milliseconds",
        "OTEL_METRIC_EXPORT_INTERVAL|0|OTEL_METRIC_EXPORT_INTERVAL: must be a positive number of milliseconds",
        "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE|lowmemory|"
                + "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: must be cumulative or delta",
        "OTEL_SDK_DISABLED|maybe|OTEL_SDK_DISABLED: must be true or false",
        "OTEL_RESOURCE_ATTRIBUTES|=nameless|OTEL_RESOURCE_ATTRIBUTES: must be key=value pairs"})
    void aBadValueIsRefusedNamingItsVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> OtelEnvironment.read(Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "OTEL_EXPORTER_OTLP_HEADERS|Authorization Bearer s3cret-token",
        "OTEL_EXPORTER_OTLP_TRACES_HEADERS|x-key=%zz-s3cret-token",
        "OTEL_EXPORTER_OTLP_ENDPOINT|collector-s3cret-token:4318",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT|ftp://user:s3cret-token@collector/"})
    void aBadHeaderOrEndpointIsRefusedWithoutShowingIt(String variable, String value) {
        assertThatThrownBy(() -> OtelEnvironment.read(Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(variable + ": ")
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "OTEL_TRACES_EXPORTER|zipkin-or-so|OTEL_TRACES_EXPORTER",
        "OTEL_TRACES_SAMPLER|sometimes|OTEL_TRACES_SAMPLER",
        "OTEL_BSP_SCHEDULE_DELAY|soon|OTEL_BSP_SCHEDULE_DELAY",
        "OTEL_PROPAGATORS|smoke-signals|OTEL_PROPAGATORS",
        "OTEL_BSP_MAX_QUEUE_SIZE|-1|OTEL_BSP_MAX_QUEUE_SIZE"})
    void aValueTheSdkRefusesIsOneLineNamingItsVariable(String variable, String value, String named) {
        Map<String, String> env = new HashMap<>(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9"));
        env.put(variable, value);

        assertThatThrownBy(() -> Telemetry.start(OtelEnvironment.read(env)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named).hasMessageNotContaining("otel.").hasMessageNotContaining("\n");
    }

    /** A Herald with one endpoint at the receiver, recording into the telemetry. */
    private static Herald herald(TestReceiver receiver, Telemetry telemetry) {
        HeraldConfig config = HeraldConfig.builder()
                .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                .endpoints(List.of(Endpoint.builder(receiver.url("/in")).name("in")
                        .filter(EventFilter.of(EventType.TOOL_SUCCESS)).build()))
                .build();
        return Herald.start(config, telemetry.modules().toArray(Module[]::new));
    }

    @Test
    void metricsArePushedToTheCollectorWithTheirHeadersAndTheResource() {
        try (OtlpCollector collector = new OtlpCollector(); TestReceiver receiver = new TestReceiver()) {
            Telemetry telemetry = Telemetry.start(OtelEnvironment.read(Map.of("OTEL_METRICS_EXPORTER", "otlp",
                    "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(), "OTEL_METRIC_EXPORT_INTERVAL", "300",
                    "OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=k3y")));
            try (Herald herald = herald(receiver, telemetry)) {
                herald.dispatcher().dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/in").size() == 1);

                await().atMost(Duration.ofSeconds(10)).until(() -> collector.posts(METRICS).stream()
                        .anyMatch(p -> p.holds("jvm.memory.used")));
                Post push = collector.posts(METRICS).get(0);
                assertThat(push.headers()).containsEntry("x-api-key", "k3y")
                        .containsEntry("content-type", "application/x-protobuf");
                assertThat(push.holds("service.name")).isTrue();
                assertThat(push.holds("herald")).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() -> collector.posts(METRICS).stream()
                        .anyMatch(p -> p.holds("herald.deliveries") && p.holds("http.client.request.duration")));
            } finally {
                telemetry.close();
            }
        }
    }

    @Test
    void closingPushesTheLastMetricsAndTheLastSpans() {
        try (OtlpCollector collector = new OtlpCollector()) {
            // A minute's step: nothing would leave before the close.
            Telemetry telemetry = Telemetry.start(OtelEnvironment.read(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                    collector.endpoint(), "OTEL_BSP_SCHEDULE_DELAY", "60000")));
            telemetry.openTelemetry().getTracer("probe").spanBuilder("probe-span").startSpan().end();
            telemetry.meterRegistry().counter("probe.meter").increment();
            assertThat(collector.posts(METRICS)).isEmpty();
            assertThat(collector.posts(TRACES)).isEmpty();

            telemetry.close();
            telemetry.close();

            assertThat(collector.posts(METRICS)).anySatisfy(p -> assertThat(p.holds("probe.meter")).isTrue());
            assertThat(collector.posts(TRACES)).singleElement().satisfies(p -> {
                assertThat(p.holds("probe-span")).isTrue();
                assertThat(p.holds("herald")).isTrue();
            });
        }
    }
}
