/**
 * Herald's HTTP transport: {@link dev.herald.transport.http.HttpTransport}, its settings
 * ({@link dev.herald.transport.http.HttpTransportConfig}, {@link dev.herald.transport.http.EndpointPolicy}) and the
 * Guice module that binds it ({@link dev.herald.transport.http.HttpTransportModule}). Everything else lives in the
 * {@code internal} package and may change without notice.
 */
package dev.herald.transport.http;
