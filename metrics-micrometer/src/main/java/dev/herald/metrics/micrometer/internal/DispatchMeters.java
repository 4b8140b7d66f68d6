package dev.herald.metrics.micrometer.internal;

import static dev.herald.metrics.micrometer.MeterNames.ENDPOINTS_DISABLED;
import static dev.herald.metrics.micrometer.MeterNames.EVENTS;
import static dev.herald.metrics.micrometer.MeterNames.REASON;
import static dev.herald.metrics.micrometer.MeterNames.RESULT;
import static dev.herald.metrics.micrometer.MeterNames.STORE_DUE;
import static dev.herald.metrics.micrometer.MeterNames.STORE_LEASE_RENEWALS;

import dev.herald.core.dispatch.AttemptObservation;
import dev.herald.core.dispatch.AttemptStart;
import dev.herald.core.dispatch.DeliveryEnd;
import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Records what the dispatcher does into Micrometer meters: events, attempts, deliveries, retries, disabled
 * endpoints and the store's leases as they happen, and the backlog as gauges read when scraped, once the dispatcher
 * it observes is {@linkplain #watch built}.
 *
 * <p>Every meter is registered once and kept: an endpoint's when the dispatcher is built (or the first time an
 * endpoint is seen, for a dispatcher built elsewhere), a tag value's the first time it occurs. Recording an attempt
 * then allocates nothing and looks up only the endpoint's meters by name. Nothing here blocks or throws.
 */
public final class DispatchMeters implements DispatchObserver, AutoCloseable {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, EndpointMeters> endpoints = new ConcurrentHashMap<>();
    private final Counter accepted;
    private final Counter unmatched;
    private final Counter refusedFull;
    private final Counter refusedClosed;
    private final Counter refusedStore;
    private final Set<String> disabled = ConcurrentHashMap.newKeySet();
    private final Gauge disabledGauge;
    private volatile Counter dueLeased;
    private volatile Counter leaseRenewals;
    private BacklogGauges backlog;

    /** Meters in this registry; the backlog's once {@link #watch} hands over the dispatcher. */
    @Inject
    public DispatchMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.accepted = events("accepted", "none");
        this.unmatched = events("unmatched", "none");
        this.refusedFull = events("refused", "full");
        this.refusedClosed = events("refused", "closed");
        this.refusedStore = events("refused", "store");
        this.disabledGauge = Gauge.builder(ENDPOINTS_DISABLED, disabled, Set::size)
                .description("Endpoints disabled because they answered 410 Gone").strongReference(true)
                .register(registry);
    }

    private Counter events(String result, String reason) {
        return Counter.builder(EVENTS).tag(RESULT, result).tag(REASON, reason)
                .description("Events handed to the dispatcher: accepted, wanted by no endpoint, or refused and why")
                .register(registry);
    }

    /**
     * The dispatcher observed is built: registers each of its endpoints' meters, and the backlog gauges over it
     * (replacing those of a dispatcher watched before).
     */
    public synchronized void watch(Dispatcher dispatcher) {
        for (Endpoint e : dispatcher.endpoints()) {
            endpoint(e.name());
        }
        if (backlog != null) {
            backlog.close();
        }
        backlog = new BacklogGauges(registry, dispatcher);
    }

    private EndpointMeters endpoint(String name) {
        EndpointMeters m = endpoints.get(name);
        return m != null ? m : endpoints.computeIfAbsent(name, n -> new EndpointMeters(registry, n));
    }

    @Override
    public Object eventAccepted(Event event, int deliveries) {
        accepted.increment();
        return null;
    }

    @Override
    public void eventUnmatched(Event event) {
        unmatched.increment();
    }

    @Override
    public void eventRejected(Event event, DispatchResult result) {
        switch (result.status()) {
            case REJECTED_FULL -> refusedFull.increment();
            case REJECTED_CLOSED -> refusedClosed.increment();
            case REJECTED_STORE -> refusedStore.increment();
            default -> {
                // Not a refusal: nothing to count.
            }
        }
    }

    @Override
    public AttemptObservation attemptStarted(AttemptStart start) {
        return endpoint(start.endpoint().name()).attempt(start.attempt());
    }

    @Override
    public void deliveryEnded(DeliveryEnd end) {
        endpoint(end.endpointName()).deliveryEnded(end);
    }

    @Override
    public void endpointDisabled(String endpointName) {
        disabled.add(endpointName);
    }

    @Override
    public void leasesRenewed(int held, int wanted) {
        Counter c = leaseRenewals;
        if (c == null) {
            // Only a dispatcher with a store renews leases: without one this counter is never registered.
            c = Counter.builder(STORE_LEASE_RENEWALS)
                    .description("Rounds in which this node took or renewed its endpoints' leases in the store")
                    .register(registry);
            leaseRenewals = c;
        }
        c.increment();
    }

    @Override
    public void leaseLost(String endpointName) {
        endpoint(endpointName).leaseLost();
    }

    @Override
    public void dueDeliveriesLeased(int count, int kept) {
        Counter c = dueLeased;
        if (c == null) {
            c = Counter.builder(STORE_DUE)
                    .description("Due deliveries (retries, other nodes' leftovers) the relay leased from the store")
                    .register(registry);
            dueLeased = c;
        }
        c.increment(count);
    }

    /**
     * Removes the gauges, which read this dispatcher's state, so that a registry that outlives it (the
     * application's) does not keep showing it; the counters and timers stay, as counts so far.
     */
    @Override
    public synchronized void close() {
        if (backlog != null) {
            backlog.close();
            backlog = null;
        }
        registry.remove(disabledGauge);
    }
}
