package dev.herald.transport.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.herald.core.transport.Transport;
import java.util.Objects;
import java.util.Optional;

/**
 * Binds the core's {@link Transport} port to one {@link HttpTransport} for the whole injector. The transport is
 * also bound under its own type, for its circuit states. To use another transport, override the binding:
 * {@code Modules.override(new HttpTransportModule(config)).with(b -> b.bind(Transport.class).toInstance(mine))}.
 * Whoever owns the injector closes the transport on shutdown.
 *
 * <p>An {@link HttpTransportObserver} (metrics) is taken from an {@link OptionalBinder}, absent by default; another
 * module supplies one with
 * {@code OptionalBinder.newOptionalBinder(binder(), HttpTransportObserver.class).setBinding().to(...)}, and it is
 * built with the transport.
 */
public final class HttpTransportModule extends AbstractModule {
    private final HttpTransportConfig config;

    public HttpTransportModule(HttpTransportConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    protected void configure() {
        bind(HttpTransportConfig.class).toInstance(config);
        bind(Transport.class).to(HttpTransport.class);
        OptionalBinder.newOptionalBinder(binder(), HttpTransportObserver.class);
    }

    @Provides
    @Singleton
    HttpTransport httpTransport(HttpTransportConfig config, Optional<HttpTransportObserver> observer) {
        return observer.map(o -> new HttpTransport(config, o)).orElseGet(() -> new HttpTransport(config));
    }
}
