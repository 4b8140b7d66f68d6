package dev.herald.benchmarks;

import com.google.inject.Module;
import dev.herald.metrics.micrometer.MicrometerMetricsModule;
import dev.herald.tracing.opentelemetry.OpenTelemetryTracingModule;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Herald's metrics and traces as an operator turns them on, for the benchmarks that compare them on and off: a
 * Prometheus registry (as {@code herald serve} scrapes it) with Herald's meters, and the OpenTelemetry SDK sampling
 * every span, exported in batches to an exporter that counts and drops them, so that what is measured is Herald's
 * recording and the SDK's span work, not a collector's network.
 */
public final class Observability implements AutoCloseable {
    private final PrometheusMeterRegistry registry;
    private final OpenTelemetrySdk sdk;
    private static final List<String> NAMES = List.of("off", "on", "metrics", "tracing", "sampled");
    private final LongAdder spansExported = new LongAdder();
    private final boolean metrics;
    private final boolean tracing;

    private Observability(boolean metrics, boolean tracing, Sampler sampler) {
        this.metrics = metrics;
        this.tracing = tracing;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SpanExporter dropping = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                spansExported.add(spans.size());
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        this.sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setSampler(sampler)
                        .addSpanProcessor(BatchSpanProcessor.builder(dropping).build()).build())
                .build();
    }

    /** Metrics and tracing on. */
    public static Observability on() {
        return new Observability(true, true, Sampler.alwaysOn());
    }

    /**
     * What a benchmark's {@code observe} parameter names: {@code on} (metrics and tracing, every span sampled),
     * {@code metrics} or {@code tracing} alone, {@code sampled} (metrics, and tracing as a busy service samples
     * it: one trace in a hundred, the SDK's {@code parentbased_traceidratio} at 0.01); null for {@code off}.
     */
    public static Observability of(String observe) {
        return switch (check(observe)) {
            case "on" -> new Observability(true, true, Sampler.alwaysOn());
            case "metrics" -> new Observability(true, false, Sampler.alwaysOn());
            case "tracing" -> new Observability(false, true, Sampler.alwaysOn());
            case "sampled" -> new Observability(true, true, Sampler.parentBased(Sampler.traceIdRatioBased(0.01)));
            default -> null;
        };
    }

    /**
     * {@code observe} itself when {@link #of} knows it, without building anything (a registry and an SDK with its
     * exporting thread).
     *
     * @throws IllegalArgumentException naming the values it knows
     */
    public static String check(String observe) {
        if (!NAMES.contains(observe)) {
            throw new IllegalArgumentException("observe: expected off, on, metrics, tracing or sampled, got '"
                    + observe + "'");
        }
        return observe;
    }

    /** The modules that bind what is on into Herald: {@code Herald.start(config, modules)}. */
    public List<Module> modules() {
        List<Module> modules = new ArrayList<>(2);
        if (metrics) {
            modules.add(new MicrometerMetricsModule(registry));
        }
        if (tracing) {
            modules.add(new OpenTelemetryTracingModule(sdk));
        }
        return modules;
    }

    /** Whether Herald's meters are recorded. */
    public boolean metrics() {
        return metrics;
    }

    /** Whether spans are recorded. */
    public boolean tracing() {
        return tracing;
    }

    /** The SDK the tracing module records on. */
    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    /** The registry the metrics module records into. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Spans handed to the exporter so far: proof that tracing really ran. */
    public long spansExported() {
        sdk.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
        return spansExported.sum();
    }

    /** A Prometheus scrape's size in bytes: proof that the meters really recorded. */
    public int scrapeBytes() {
        return registry.scrape().length();
    }

    @Override
    public void close() {
        sdk.close();
        registry.close();
    }
}
