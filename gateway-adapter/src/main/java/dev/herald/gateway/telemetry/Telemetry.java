package dev.herald.gateway.telemetry;

import com.google.inject.Module;
import dev.herald.gateway.telemetry.internal.PushConfig;
import dev.herald.gateway.telemetry.internal.SdkFromEnvironment;
import dev.herald.metrics.micrometer.MicrometerMetricsModule;
import dev.herald.tracing.opentelemetry.OpenTelemetryTracingModule;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The meters and traces of one {@code herald serve}: a Prometheus registry (what {@code GET /metrics} shows), an
 * OTLP registry beside it when the environment asks for a push, the JVM's meters on them, and the OpenTelemetry SDK
 * built from the {@code OTEL_*} variables. Herald records into them through {@link #modules()}; closing pushes
 * what is left and shuts the SDK down, after Herald has closed.
 */
public final class Telemetry implements AutoCloseable {
    private static final long SDK_SHUTDOWN_SECONDS = 5;

    private final PrometheusMeterRegistry prometheus;
    private final OtlpMeterRegistry otlp;
    private final MeterRegistry registry;
    private final OpenTelemetrySdk sdk;
    private final OtelEnvironment environment;
    private boolean closed;

    private Telemetry(PrometheusMeterRegistry prometheus, OtlpMeterRegistry otlp, MeterRegistry registry,
            OpenTelemetrySdk sdk, OtelEnvironment environment) {
        this.prometheus = prometheus;
        this.otlp = otlp;
        this.registry = registry;
        this.sdk = sdk;
        this.environment = environment;
    }

    /**
     * Builds the registries and the SDK; a push starts with the registry, the first one a step later.
     *
     * @throws IllegalArgumentException on an {@code OTEL_*} setting the SDK refuses, naming its variable
     */
    public static Telemetry start(OtelEnvironment environment) {
        // The SDK first: it is the one that can refuse a setting, and nothing is built yet to undo.
        OpenTelemetrySdk sdk = SdkFromEnvironment.build(environment.sdkProperties(),
                environment.variables());
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OtlpMeterRegistry otlp = null;
        MeterRegistry registry = prometheus;
        if (environment.metricsPush() != null) {
            otlp = new OtlpMeterRegistry(new PushConfig(environment.metricsPush()), Clock.SYSTEM);
            registry = new CompositeMeterRegistry(Clock.SYSTEM, List.of(prometheus, otlp));
        }
        return new Telemetry(prometheus, otlp, registry, sdk, environment);
    }

    /** What {@code GET /metrics} scrapes. */
    public PrometheusMeterRegistry prometheus() {
        return prometheus;
    }

    /** Where Herald records: the Prometheus registry, or both it and the OTLP one. */
    public MeterRegistry meterRegistry() {
        return registry;
    }

    /** The SDK Herald traces on: a no-op exporter unless the environment names one. */
    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** What was read from the environment. */
    public OtelEnvironment environment() {
        return environment;
    }

    /**
     * The modules that make Herald record its meters, the JVM's and the process's too (Herald is the application
     * here), and its traces here, for {@code Herald.start}'s overrides.
     */
    public List<Module> modules() {
        return List.of(new MicrometerMetricsModule(registry).withJvmMetrics(), new OpenTelemetryTracingModule(sdk));
    }

    /**
     * Pushes the last meters (when pushing), closes the registries and shuts the SDK down, waiting a few seconds
     * for its last spans to leave. Closing again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (otlp != null) {
                // Closing publishes what the last step gathered.
                otlp.close();
            }
            registry.close();
            prometheus.close();
        } finally {
            sdk.shutdown().join(SDK_SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        }
    }
}
