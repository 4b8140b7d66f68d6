package dev.herald.tracing.opentelemetry;

import com.google.inject.AbstractModule;

/**
 * Traces Herald's events and attempts on the {@code io.opentelemetry.api.OpenTelemetry} the application binds.
 * Work in progress: it binds no tracer yet.
 */
public final class OpenTelemetryTracingModule extends AbstractModule {
    @Override
    protected void configure() {}
}
