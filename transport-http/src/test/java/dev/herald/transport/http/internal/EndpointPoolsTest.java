package dev.herald.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.transport.http.ConnectionPoolStats;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import reactor.netty.resources.ConnectionPoolMetrics;

/** An endpoint reads the pools reactor-netty keys by the host and port its URL names, in whatever form. */
class EndpointPoolsTest {

    private static ConnectionPoolMetrics pool(int active, int idle, int pending, int max) {
        return new ConnectionPoolMetrics() {
            @Override
            public int acquiredSize() {
                return active;
            }

            @Override
            public int allocatedSize() {
                return active + idle;
            }

            @Override
            public int idleSize() {
                return idle;
            }

            @Override
            public int pendingAcquireSize() {
                return pending;
            }

            @Override
            public int maxAllocatedSize() {
                return max;
            }

            @Override
            public int maxPendingAcquireSize() {
                return Integer.MAX_VALUE;
            }
        };
    }

    @Test
    void anAddressLiteralMatchesInAnyWritingAndAHostNameIgnoringCase() throws Exception {
        EndpointPools pools = new EndpointPools(50);
        // As reactor-netty announces them: a literal resolved, a name unresolved.
        pools.registerMetrics("herald-http", "1", new InetSocketAddress(InetAddress.getByName("::1"), 8443),
                pool(1, 2, 0, 50));
        pools.registerMetrics("herald-http", "2", InetSocketAddress.createUnresolved("hooks.example.com", 443),
                pool(3, 0, 4, 50));
        pools.sendsTo("v6", URI.create("https://[0:0:0::1]:8443/in"));
        pools.sendsTo("named", URI.create("https://Hooks.Example.COM/in?token=x"));
        pools.sendsTo("otherPort", URI.create("http://hooks.example.com/in"));

        assertThat(pools.stats("v6")).isEqualTo(new ConnectionPoolStats(3, 1, 2, 0, 50));
        assertThat(pools.stats("named")).isEqualTo(new ConnectionPoolStats(3, 3, 0, 4, 50));
        assertThat(pools.stats("otherPort")).isEqualTo(new ConnectionPoolStats(0, 0, 0, 0, 50));
        assertThat(pools.stats("neverSent")).isEqualTo(new ConnectionPoolStats(0, 0, 0, 0, 50));
    }

    @Test
    void everyPoolForTheHostAndPortIsCountedUntilItCloses() {
        EndpointPools pools = new EndpointPools(10);
        InetSocketAddress address = InetSocketAddress.createUnresolved("hooks.example.com", 443);
        // The verified and the tls_insecure client each keep a pool for the same host and port.
        pools.registerMetrics("herald-http", "verified", address, pool(1, 1, 0, 10));
        pools.registerMetrics("herald-http", "insecure", address, pool(2, 0, 0, 10));
        pools.sendsTo("a", URI.create("https://hooks.example.com:443/a"));

        assertThat(pools.stats("a")).isEqualTo(new ConnectionPoolStats(4, 3, 1, 0, 20));
        pools.deRegisterMetrics("herald-http", "insecure", address);
        assertThat(pools.stats("a")).isEqualTo(new ConnectionPoolStats(2, 1, 1, 0, 10));
        pools.deRegisterMetrics("herald-http", "verified", address);
        assertThat(pools.stats("a")).isEqualTo(new ConnectionPoolStats(0, 0, 0, 0, 10));
    }
}
