package dev.herald.gateway.telemetry.internal;

import dev.herald.gateway.telemetry.OtelEnvironment.MetricsPush;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.OtlpConfig;
import java.time.Duration;
import java.util.Map;

/**
 * Micrometer's OTLP settings from serve's reading of the environment, and from nothing else: Micrometer's defaults
 * read {@code System.getenv()} themselves, which would bypass the environment serve was given.
 */
public final class PushConfig implements OtlpConfig {
    private final MetricsPush push;

    public PushConfig(MetricsPush push) {
        this.push = push;
    }

    @Override
    public String get(String key) {
        return null;
    }

    @Override
    public String url() {
        return push.url().toString();
    }

    @Override
    public Duration step() {
        return push.step();
    }

    @Override
    public Map<String, String> headers() {
        return push.headers();
    }

    @Override
    public Map<String, String> resourceAttributes() {
        return push.resourceAttributes();
    }

    @Override
    public AggregationTemporality aggregationTemporality() {
        return push.cumulative() ? AggregationTemporality.CUMULATIVE : AggregationTemporality.DELTA;
    }
}
