/**
 * Herald's traces through the OpenTelemetry API, on the {@code OpenTelemetry} instance the application binds (a
 * no-op one by default): a span per event taken and one per attempt, and the W3C trace context sent to the
 * endpoints that opt in. Bound by {@link dev.herald.tracing.opentelemetry.OpenTelemetryTracingModule}.
 */
package dev.herald.tracing.opentelemetry;
