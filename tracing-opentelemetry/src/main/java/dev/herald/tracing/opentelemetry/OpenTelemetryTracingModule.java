package dev.herald.tracing.opentelemetry;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.tracing.opentelemetry.internal.TracingObserver;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;
import java.util.Optional;

/**
 * Traces Herald's events and attempts on an {@link OpenTelemetry}: the one given here, or the one the application
 * binds, or {@link OpenTelemetry#noop()} when it binds none. It joins the dispatcher's observers: a
 * {@code publish <event type>} span (PRODUCER) for each event taken, the child of the event's W3C trace context
 * when it carries one, and a {@code POST} span (CLIENT) for each attempt, linked to its event's span. An endpoint
 * that opts in ({@link dev.herald.core.endpoint.Endpoint.Builder#propagateTraceContext}) receives the attempt's
 * {@code traceparent}; no other does.
 *
 * <p>It only uses the OpenTelemetry API: configuring the SDK (exporters, sampling, resource) is the application's
 * part, and so is closing it. Spans end on the dispatcher's threads, so the SDK should export them in batches
 * ({@code BatchSpanProcessor}), never on the thread that ends them.
 */
public final class OpenTelemetryTracingModule extends AbstractModule {
    private final OpenTelemetry openTelemetry;

    /**
     * Traces on the {@link OpenTelemetry} the application binds in its own module, directly or through an
     * {@link OptionalBinder}; on a no-op one, which traces nothing, when it binds none.
     */
    public OpenTelemetryTracingModule() {
        this.openTelemetry = null;
    }

    /** Traces on {@code openTelemetry}, which this module binds; its owner closes its SDK. */
    public OpenTelemetryTracingModule(OpenTelemetry openTelemetry) {
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    @Override
    protected void configure() {
        // No default binding: a default would clash with an application's own bind(OpenTelemetry.class).
        OptionalBinder<OpenTelemetry> bound = OptionalBinder.newOptionalBinder(binder(), OpenTelemetry.class);
        if (openTelemetry != null) {
            bound.setBinding().toInstance(openTelemetry);
        }
        Multibinder.newSetBinder(binder(), DispatchObserver.class).addBinding().to(TracingObserver.class);
    }

    @Provides
    @Singleton
    TracingObserver tracingObserver(Optional<OpenTelemetry> bound) {
        return new TracingObserver(bound.orElseGet(OpenTelemetry::noop));
    }
}
