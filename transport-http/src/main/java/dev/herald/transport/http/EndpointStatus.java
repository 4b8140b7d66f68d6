package dev.herald.transport.http;

/**
 * One endpoint of an {@link HttpTransport} as it is now: each call reads the current value, so a gauge may keep
 * this object and read it whenever it is scraped. Thread-safe and cheap: no call blocks or allocates beyond its
 * answer.
 */
public interface EndpointStatus {
    /** The endpoint's circuit, as {@link HttpTransport#circuitState(String)} reads it. */
    CircuitState circuitState();

    /** The connections of the pool the endpoint's requests go through; see {@link ConnectionPoolStats}. */
    ConnectionPoolStats connectionPool();
}
