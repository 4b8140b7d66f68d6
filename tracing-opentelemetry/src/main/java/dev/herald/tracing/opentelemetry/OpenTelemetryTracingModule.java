package dev.herald.tracing.opentelemetry;

import com.google.inject.AbstractModule;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Traces Herald's events and attempts on an {@link OpenTelemetry}: the one given here, or the one the application
 * binds. Work in progress: it binds no tracer yet.
 */
public final class OpenTelemetryTracingModule extends AbstractModule {
    private final OpenTelemetry openTelemetry;

    /** Traces on the {@link OpenTelemetry} the application binds in its own module. */
    public OpenTelemetryTracingModule() {
        this.openTelemetry = null;
    }

    /** Traces on {@code openTelemetry}, which this module binds; its owner closes its SDK. */
    public OpenTelemetryTracingModule(OpenTelemetry openTelemetry) {
        this.openTelemetry = java.util.Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    @Override
    protected void configure() {
        if (openTelemetry != null) {
            bind(OpenTelemetry.class).toInstance(openTelemetry);
        }
    }
}
