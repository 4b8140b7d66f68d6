/**
 * Herald's HTTP transport: {@link dev.herald.transport.http.HttpTransport}, its settings
 * ({@link dev.herald.transport.http.HttpTransportConfig}, {@link dev.herald.transport.http.EndpointPolicy}) and the
 * Guice module that binds it ({@link dev.herald.transport.http.HttpTransportModule}). What it does can be watched
 * without any metrics library: {@link dev.herald.transport.http.CircuitListener} and
 * {@link dev.herald.transport.http.RateLimitListener} hear circuit changes and rate-limit waits, and an
 * {@link dev.herald.transport.http.HttpTransportObserver} reads each endpoint's circuit and connection pool
 * ({@link dev.herald.transport.http.EndpointStatus}). Everything else lives in the {@code internal} package and may
 * change without notice.
 */
package dev.herald.transport.http;
