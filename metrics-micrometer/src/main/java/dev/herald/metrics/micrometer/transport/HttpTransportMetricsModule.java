package dev.herald.metrics.micrometer.transport;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.herald.transport.http.HttpTransportModule;
import dev.herald.transport.http.HttpTransportObserver;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Records the HTTP transport's meters ({@link HttpTransportMeters}) into the injector's {@link MeterRegistry}: it
 * supplies the {@link HttpTransportObserver} that {@link HttpTransportModule} hands to the transport, so the meters
 * are built with the transport and need nothing built eagerly. A {@code MeterRegistry} must be bound, by the
 * application or by {@code MicrometerMetricsModule(registry)}. Without {@link HttpTransportModule} (another
 * {@code Transport} bound) it binds nothing anyone uses. Installing it twice is harmless: all instances are equal.
 */
public final class HttpTransportMetricsModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(HttpTransportMeters.class).in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), HttpTransportObserver.class).setBinding()
                .to(HttpTransportMeters.class);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HttpTransportMetricsModule;
    }

    @Override
    public int hashCode() {
        return HttpTransportMetricsModule.class.hashCode();
    }
}
