/**
 * How Herald's work becomes spans: the observer the module binds, the span of each attempt, and the attributes
 * they carry. Not API: only {@link dev.herald.tracing.opentelemetry.OpenTelemetryTracingModule} is.
 */
package dev.herald.tracing.opentelemetry.internal;
