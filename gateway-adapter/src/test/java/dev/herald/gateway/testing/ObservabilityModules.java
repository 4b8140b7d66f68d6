package dev.herald.gateway.testing;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.metrics.micrometer.MicrometerMetricsModule;
import dev.herald.tracing.opentelemetry.OpenTelemetryTracingModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Set;

/**
 * Whether the metrics and tracing modules observe deliveries yet: issue 13 builds them beside serve's wiring, and
 * the tests that check the values of Herald's meters or its spans wait for them (they are skipped until then, not
 * passed). A module observes when it binds a {@link DispatchObserver}, or needs more than a bare injector gives.
 */
public final class ObservabilityModules {
    private ObservabilityModules() {
    }

    /** Whether {@code MicrometerMetricsModule} records Herald's meters. */
    public static boolean metricsRecorded() {
        return observes(new MicrometerMetricsModule(new SimpleMeterRegistry()));
    }

    /** Whether {@code OpenTelemetryTracingModule} traces Herald's deliveries. */
    public static boolean tracesRecorded() {
        return observes(new OpenTelemetryTracingModule(OpenTelemetry.noop()));
    }

    private static boolean observes(Module module) {
        try {
            Set<DispatchObserver> observers = Guice.createInjector(module,
                    b -> Multibinder.newSetBinder(b, DispatchObserver.class))
                    .getInstance(Key.get(new TypeLiteral<Set<DispatchObserver>>() { }));
            return !observers.isEmpty();
        } catch (CreationException | ConfigurationException needsMore) {
            return true;
        }
    }
}
