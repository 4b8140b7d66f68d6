package dev.herald.metrics.micrometer;

import com.google.inject.AbstractModule;

/**
 * Records Herald's metrics into the {@code io.micrometer.core.instrument.MeterRegistry} the application binds.
 * Work in progress: it binds no meter yet.
 */
public final class MicrometerMetricsModule extends AbstractModule {
    @Override
    protected void configure() {}
}
