package dev.herald.transport.http.internal;

import dev.herald.transport.http.ConnectionPoolStats;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * The transport's connection pools, read by endpoint name. reactor-netty opens one pool per remote host and port
 * (and per client configuration: the {@code tls_insecure} client has pools of its own) and announces each to this
 * registrar; each endpoint reads the pools of the host and port its last checked URL names. Keyed by endpoint name
 * rather than by address, the numbers never carry a host, a path or a query, and there are never more series than
 * endpoints. Endpoints sharing a host and port share its pools, and each reads all of them.
 *
 * <p>Hosts are compared as reactor-netty keys its pools: an address literal by its address (so {@code [::1]} and
 * {@code [0:0::1]} are one host), a host name by its text, ignoring case. Thread-safe.
 */
public final class EndpointPools implements ConnectionProvider.MeterRegistrar {
    private final int maxConnections;
    private final Map<String, Map<String, ConnectionPoolMetrics>> poolsByAddress = new ConcurrentHashMap<>();
    private final Map<String, String> addressByEndpoint = new ConcurrentHashMap<>();

    /** @param maxConnections the most connections one pool opens, reported while an endpoint has no pool */
    public EndpointPools(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Notes the URL the endpoint sends to; the transport calls it once the URL passed its checks. */
    public void sendsTo(String endpointName, URI url) {
        addressByEndpoint.put(endpointName, addressOf(url));
    }

    /** The connections of the pools for the endpoint's host and port, read now. */
    public ConnectionPoolStats stats(String endpointName) {
        String address = addressByEndpoint.get(endpointName);
        Map<String, ConnectionPoolMetrics> pools = address == null ? null : poolsByAddress.get(address);
        if (pools == null || pools.isEmpty()) {
            return new ConnectionPoolStats(0, 0, 0, 0, maxConnections);
        }
        int total = 0;
        int active = 0;
        int idle = 0;
        int pending = 0;
        int max = 0;
        for (ConnectionPoolMetrics m : pools.values()) {
            total += m.allocatedSize();
            active += m.acquiredSize();
            idle += m.idleSize();
            pending += m.pendingAcquireSize();
            max += m.maxAllocatedSize();
        }
        return new ConnectionPoolStats(total, active, idle, pending, max);
    }

    @Override
    public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
            ConnectionPoolMetrics metrics) {
        poolsByAddress.compute(addressOf(remoteAddress), (address, pools) -> {
            Map<String, ConnectionPoolMetrics> p = pools != null ? pools : new ConcurrentHashMap<>();
            p.put(id, metrics);
            return p;
        });
    }

    @Override
    public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
        poolsByAddress.computeIfPresent(addressOf(remoteAddress), (address, pools) -> {
            pools.remove(id);
            return pools.isEmpty() ? null : pools;
        });
    }

    /** {@code host:port} of a URL the transport accepted, the port defaulted by its scheme. */
    static String addressOf(URI url) {
        HostLiteral host = HostLiteral.of(url);
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        String h = host.address().map(a -> a.getHostAddress()).orElse(host.host().toLowerCase(Locale.ROOT));
        return h + ":" + port;
    }

    /** {@code host:port} of the address reactor-netty keys a pool by: resolved for a literal, unresolved for a name. */
    static String addressOf(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet) {
            String h = inet.getAddress() != null ? inet.getAddress().getHostAddress()
                    : inet.getHostString().toLowerCase(Locale.ROOT);
            return h + ":" + inet.getPort();
        }
        return String.valueOf(remote);
    }
}
