package dev.herald.transport.http;

/**
 * The connections of the pool one endpoint's requests go through, read at one moment.
 *
 * <p>The transport pools connections per host and port, not per endpoint: endpoints whose URLs name the same
 * host and port share one pool, and each of them reads the whole of it. (Endpoints with {@code tls_insecure} use
 * a pool of their own for that host and port; an endpoint reads every pool for its host and port.) Before an
 * endpoint's first request, and while no pool for its host and port is open, every count is 0 and {@code max} is
 * the transport's {@code max_connections}.
 *
 * @param total connections the pool holds: in use, idle, or being opened
 * @param active connections carrying a request now
 * @param idle connections open and waiting for a request
 * @param pending requests waiting to get a connection, typically because {@code max} are open and in use
 * @param max the most connections the pool opens
 */
public record ConnectionPoolStats(int total, int active, int idle, int pending, int max) {}
