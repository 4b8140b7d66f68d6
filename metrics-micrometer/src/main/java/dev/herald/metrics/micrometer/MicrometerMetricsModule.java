package dev.herald.metrics.micrometer;

import com.google.inject.AbstractModule;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records Herald's metrics into a Micrometer {@link MeterRegistry}: the one given here, or the one the application
 * binds. Work in progress: it binds no meter yet.
 */
public final class MicrometerMetricsModule extends AbstractModule {
    private final MeterRegistry registry;

    /** Records into the {@link MeterRegistry} the application binds in its own module. */
    public MicrometerMetricsModule() {
        this.registry = null;
    }

    /** Records into {@code registry}, which this module binds; its owner closes it. */
    public MicrometerMetricsModule(MeterRegistry registry) {
        this.registry = java.util.Objects.requireNonNull(registry, "registry");
    }

    @Override
    protected void configure() {
        if (registry != null) {
            bind(MeterRegistry.class).toInstance(registry);
        }
    }
}
