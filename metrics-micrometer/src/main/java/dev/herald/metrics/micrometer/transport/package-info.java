/**
 * The HTTP transport's meters: each endpoint's circuit state, its rate-limit waits and its connection pool
 * ({@link dev.herald.metrics.micrometer.transport.HttpTransportMeters}, which names every meter), bound by
 * {@link dev.herald.metrics.micrometer.transport.HttpTransportMetricsModule}. reactor-netty's own client metrics
 * stay off: they tag each request with its URI.
 */
package dev.herald.metrics.micrometer.transport;
