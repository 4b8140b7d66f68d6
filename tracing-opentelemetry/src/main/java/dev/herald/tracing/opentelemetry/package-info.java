/**
 * Herald's traces through the OpenTelemetry API, on the {@code OpenTelemetry} instance the application binds: a
 * span per event taken and one per attempt. Bound by
 * {@link dev.herald.tracing.opentelemetry.OpenTelemetryTracingModule}.
 */
package dev.herald.tracing.opentelemetry;
