/**
 * How {@code herald serve}'s telemetry is put together: the OTLP push's Micrometer config, the OpenTelemetry SDK
 * configured from the environment, the JVM's meters. Not an API: only {@link dev.herald.gateway.telemetry} uses it.
 */
package dev.herald.gateway.telemetry.internal;
