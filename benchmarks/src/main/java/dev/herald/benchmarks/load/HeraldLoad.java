package dev.herald.benchmarks.load;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.benchmarks.Observability;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.store.jdbc.StoreSettings;
import dev.herald.transport.http.HttpTransportConfig;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends the load through Herald's whole pipeline as a host runs it: {@link Herald#start} with the reactor-netty
 * transport, every event handed to the {@link Dispatcher}, every final outcome heard by a {@link DeliveryListener}.
 * A delivery counts as delivered only on {@link DeliveryStatus#DELIVERED}, which Herald reports on a 2xx answer
 * alone.
 */
public final class HeraldLoad {
    /** Short delays, so that a failing receiver ends a run in seconds; 100 ms is the least a policy allows. */
    private static final Duration RETRY_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY_DELAY = Duration.ofMillis(400);
    /** A failing receiver holds the circuit open only briefly, so that its deliveries end instead of waiting. */
    private static final Duration CIRCUIT_OPEN = Duration.ofMillis(200);

    private final LoadSpec spec;
    private final StoreSettings store;
    private final String observe;
    private volatile DeliveryWindow window;

    /** A run of the spec without a store; nothing starts before {@link #run()}. */
    public HeraldLoad(LoadSpec spec) {
        this(spec, StoreSettings.memory());
    }

    /** A run of the spec keeping its deliveries where {@code store} says; nothing starts before {@link #run()}. */
    public HeraldLoad(LoadSpec spec, StoreSettings store) {
        this(spec, store, "off");
    }

    /**
     * A run of the spec keeping its deliveries where {@code store} says, observed as {@code observe} names it
     * ({@link Observability#of}: off, on, metrics, tracing or sampled).
     */
    public HeraldLoad(LoadSpec spec, StoreSettings store, String observe) {
        this.spec = spec;
        this.store = store;
        this.observe = observe;
    }

    /** Starts Herald, sends the warm-up and then the timed batch, and closes Herald. */
    public LoadResult run() throws InterruptedException {
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void onOutcome(DeliveryOutcome outcome) {
                window.completed(outcome.status() == DeliveryStatus.DELIVERED);
            }
        };
        Module listen = b -> Multibinder.newSetBinder(b, DeliveryListener.class).addBinding().toInstance(listener);
        List<Module> modules = new ArrayList<>();
        modules.add(listen);
        Observability observability = Observability.of(observe);
        try {
            if (observability != null) {
                modules.addAll(observability.modules());
            }
            try (Herald herald = Herald.start(config(spec, store), modules.toArray(Module[]::new))) {
                Dispatcher dispatcher = herald.dispatcher();
                LoadResult warmup = batch(dispatcher, spec.warmupEvents());
                LoadResult timed = batch(dispatcher, spec.events()).plusFailed(warmup.failed());
                if (observability != null && (observability.tracing() && observability.spansExported() == 0
                        || observability.metrics() && !observability.registry().scrape()
                                .contains("herald_deliveries_total"))) {
                    throw new IllegalStateException("observing, yet no span was exported or no delivery counted");
                }
                return timed;
            }
        } finally {
            if (observability != null) {
                observability.close();
            }
        }
    }

    /** The config a user would write for W endpoints at one receiver, sized so that no event is refused. */
    static HeraldConfig config(LoadSpec spec, StoreSettings store) {
        int perEndpoint = ceilDiv(spec.concurrency(), spec.endpoints());
        RetryPolicy retry = RetryPolicy.builder().retryAttempts(spec.retries()).baseDelay(RETRY_DELAY)
                .maxDelay(MAX_RETRY_DELAY).build();
        List<Endpoint> endpoints = new ArrayList<>(spec.endpoints());
        for (int i = 1; i <= spec.endpoints(); i++) {
            endpoints.add(Endpoint.builder(spec.url().toString()).name("load-" + i)
                    .filter(EventFilter.of(EventType.TOOL_SUCCESS)).authentication(spec.signing().authSpec())
                    .retryPolicy(retry).timeout(LoadSpec.REQUEST_TIMEOUT).build());
        }
        HttpTransportConfig transport = HttpTransportConfig.builder()
                .allowedNetworks(hostRanges(spec.url().getHost()))
                // Every endpoint shares the one host's pool: enough connections for all their requests at once.
                .maxConnections(perEndpoint * spec.endpoints())
                .endpointDefaults(p -> p.circuitBreaker(c -> c.waitInOpenState(CIRCUIT_OPEN)))
                .build();
        return HeraldConfig.builder().endpoints(endpoints).transport(transport)
                // The window keeps at most `concurrency` outstanding; the margin only guards against miscounting.
                .capacity(Math.max(10_000, 2 * spec.concurrency()))
                .maxInFlightPerEndpoint(perEndpoint)
                .store(store)
                .build();
    }

    /**
     * The SSRF guard's exceptions: exactly the addresses the URL's host resolves to, nothing wider, so that the
     * driver can reach its receiver on loopback and nothing else that is not public.
     */
    static List<String> hostRanges(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Set<String> ranges = new LinkedHashSet<>();
        try {
            for (InetAddress a : InetAddress.getAllByName(bare)) {
                // A link-local address carries its scope (%eth0), which a CIDR range cannot.
                String address = a.getHostAddress().replaceFirst("%.*$", "");
                ranges.add(address + (a instanceof Inet4Address ? "/32" : "/128"));
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--url: cannot resolve host '" + bare + "'");
        }
        return List.copyOf(ranges);
    }

    private LoadResult batch(Dispatcher dispatcher, int events) throws InterruptedException {
        boolean durable = !store.is(StoreSettings.MEMORY);
        DeliveryWindow w = new DeliveryWindow(events, spec.endpoints(), spec.concurrency(), i -> {
            if (durable) {
                // dispatch would wait for each event's group commit in turn, one append at a time; dispatchAsync
                // lets every event of the window wait at once, so that one commit holds many of them.
                dispatcher.dispatchAsync(LoadEvents.event(i)).thenAccept(this::countMissing);
            } else {
                countMissing(dispatcher.dispatch(LoadEvents.event(i)));
            }
        });
        window = w;
        w.start();
        return w.await(spec.stallLimit());
    }

    /** Refused, or an endpoint disabled by a 410: no outcome will come for the missing deliveries. */
    private void countMissing(DispatchResult r) {
        for (int k = r.deliveryIds().size(); k < spec.endpoints(); k++) {
            window.completed(false);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
