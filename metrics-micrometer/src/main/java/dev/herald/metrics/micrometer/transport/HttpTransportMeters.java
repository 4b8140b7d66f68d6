package dev.herald.metrics.micrometer.transport;

import dev.herald.transport.http.CircuitState;
import dev.herald.transport.http.EndpointStatus;
import dev.herald.transport.http.HttpTransport;
import dev.herald.transport.http.HttpTransportObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * The HTTP transport's meters, per endpoint (tagged {@code endpoint} with the endpoint's name, never its URL):
 * <ul>
 *   <li>{@value #CIRCUIT_STATE} gauge {endpoint, state = closed|open|half_open}: 1 for the state the endpoint's
 *       circuit is in now, 0 for the other two.</li>
 *   <li>{@value #RATE_LIMIT_WAIT} timer {endpoint}: one sample per attempt that had to wait for the endpoint's
 *       rate limit, the time until its slot.</li>
 *   <li>{@value #POOL_CONNECTIONS} gauge {endpoint, state = active|idle}: connections of the pool the endpoint's
 *       requests go through, carrying a request or idle; their sum is the pool's open connections.</li>
 *   <li>{@value #POOL_PENDING} gauge {endpoint}: requests waiting for a connection of that pool.</li>
 *   <li>{@value #POOL_MAX} gauge {endpoint}: the most connections that pool opens.</li>
 * </ul>
 * The transport pools connections per host and port: endpoints whose URLs share a host and port share a pool, and
 * each of them reports all of it, so a sum of the pool gauges over endpoints counts a shared pool once per endpoint.
 *
 * <p>Every meter of an endpoint is registered when the transport starts serving it: the config's endpoints when
 * the transport is built, so that each reads closed, 0 waits and an empty pool before any request, and any other
 * endpoint on its first request. The gauges read the transport live at each scrape. Registering the meters of an
 * endpoint again (a second transport on the same registry) replaces its gauges, so that they read the newest
 * transport; the timer goes on counting.
 *
 * <p>Give it to {@link HttpTransport#HttpTransport(dev.herald.transport.http.HttpTransportConfig,
 * HttpTransportObserver)}, or install {@link HttpTransportMetricsModule}. Thread-safe; it never blocks.
 */
public final class HttpTransportMeters implements HttpTransportObserver {
    /** The circuit state gauge's name. */
    public static final String CIRCUIT_STATE = "herald.circuit.state";
    /** The rate-limit wait timer's name. */
    public static final String RATE_LIMIT_WAIT = "herald.rate_limit.wait";
    /** The pool's connections gauge's name, tagged {@code state} active or idle. */
    public static final String POOL_CONNECTIONS = "herald.http.pool.connections";
    /** The gauge of requests waiting for a pooled connection. */
    public static final String POOL_PENDING = "herald.http.pool.pending";
    /** The gauge of the most connections a pool opens. */
    public static final String POOL_MAX = "herald.http.pool.max";

    private final MeterRegistry registry;
    private final Map<String, Timer> waits = new ConcurrentHashMap<>();

    /** Meters recorded into {@code registry}. */
    @Inject
    public HttpTransportMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void endpointAdded(String endpointName, EndpointStatus status) {
        Tags endpoint = Tags.of("endpoint", endpointName);
        for (CircuitState state : CircuitState.values()) {
            gauge(CIRCUIT_STATE, endpoint.and("state", state.name().toLowerCase(Locale.ROOT)), status,
                    s -> s.circuitState() == state ? 1 : 0,
                    "1 for the state the endpoint's circuit is in, 0 for the others");
        }
        gauge(POOL_CONNECTIONS, endpoint.and("state", "active"), status, s -> s.connectionPool().active(),
                "Connections of the endpoint's pool, by state: carrying a request (active) or idle");
        gauge(POOL_CONNECTIONS, endpoint.and("state", "idle"), status, s -> s.connectionPool().idle(),
                "Connections of the endpoint's pool, by state: carrying a request (active) or idle");
        gauge(POOL_PENDING, endpoint, status, s -> s.connectionPool().pending(),
                "Requests waiting for a connection of the endpoint's pool");
        gauge(POOL_MAX, endpoint, status, s -> s.connectionPool().max(),
                "The most connections the endpoint's pool opens");
        waitTimer(endpointName);
    }

    @Override
    public void onWait(String endpointName, Duration wait) {
        waitTimer(endpointName).record(wait);
    }

    private Timer waitTimer(String endpointName) {
        return waits.computeIfAbsent(endpointName, name -> Timer.builder(RATE_LIMIT_WAIT)
                .tag("endpoint", name)
                .description("Each wait an attempt made for its endpoint's rate limit")
                .register(registry));
    }

    private void gauge(String name, Tags tags, EndpointStatus status, ToDoubleFunction<EndpointStatus> value,
            String description) {
        // Micrometer keeps the first gauge of a name and tags, which would go on reading a closed transport.
        Gauge previous = registry.find(name).tags(tags).gauge();
        if (previous != null) {
            registry.remove(previous);
        }
        // Held strongly: the status is referenced by nothing else once the transport has handed it over.
        Gauge.builder(name, status, value).tags(tags).description(description).strongReference(true)
                .register(registry);
    }
}
