package dev.herald.core.dispatch;

import dev.herald.core.dispatch.internal.Admission;
import dev.herald.core.dispatch.internal.AttemptRunner;
import dev.herald.core.dispatch.internal.Custody;
import dev.herald.core.dispatch.internal.Delivery;
import dev.herald.core.dispatch.internal.DispatchCounters;
import dev.herald.core.dispatch.internal.DurableAdmission;
import dev.herald.core.dispatch.internal.Endings;
import dev.herald.core.dispatch.internal.EndpointRuntime;
import dev.herald.core.dispatch.internal.InMemoryAdmission;
import dev.herald.core.dispatch.internal.ListenerFanout;
import dev.herald.core.dispatch.internal.LiveDeliveries;
import dev.herald.core.dispatch.internal.ObserverFanout;
import dev.herald.core.dispatch.internal.Room;
import dev.herald.core.dispatch.internal.StoreCustody;
import dev.herald.core.dispatch.internal.StoreLink;
import dev.herald.core.dispatch.internal.StoreSettings;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventIds;
import dev.herald.core.signing.SignerFactory;
import dev.herald.core.store.DeliveryOutbox;
import dev.herald.core.template.TemplateRenderer;
import dev.herald.core.time.Scheduler;
import dev.herald.core.time.SystemScheduler;
import dev.herald.core.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Turns events into deliveries: for each enabled endpoint whose filter accepts an event, render the body (once per
 * distinct template), sign it, send it, and retry it as the endpoint's policy says.
 *
 * <p>Threads, in three lines:
 * <ol>
 *   <li>The transport's event loops (and its deadline thread) run only the exchange itself.</li>
 *   <li>Herald's executor ({@link Builder#executor}) runs rendering, signing, store writes and retries.</li>
 *   <li>Every {@link DeliveryListener} callback runs on Herald's executor, never on an event loop or the deadline
 *       thread.</li>
 * </ol>
 * When the transport's answer (or the timer's retry, or the store's confirmation) arrives, the work hops to the
 * executor before it goes on. The caller's thread only filters, reserves room and hands over:
 * {@link #dispatch(Event)} never blocks, in every configuration; only {@link #dispatchAndAwait}, as its name says,
 * waits (for the store). A refusal {@link #dispatch} returns itself reaches {@link DeliveryListener#onRejected} on
 * the caller's thread, before it returns.
 *
 * <p>{@link #dispatch(Event)} only filters and reserves room; the room is bounded: at most {@code capacity}
 * deliveries are outstanding (queued, in flight, or waiting for a retry), and an event that does not fit is refused
 * at once, counted and reported, never queued without bound. At most {@code maxInFlightPerEndpoint} attempts are
 * in flight to one endpoint at a time; the rest wait in that endpoint's queue, so an endpoint that is slow, dead or
 * held by its circuit breaker never takes the places of the others.
 *
 * <p>A delivery's id, sent as {@code webhook-id} on every attempt whatever the signing, and its body stay the same
 * across its attempts (and, with a store, across restarts), so receivers can de-duplicate; the signature is
 * made anew for each attempt, since it covers the attempt's time.
 *
 * <p>With a {@link DeliveryOutbox} ({@link Builder#store}), nothing accepted is lost when the process dies, and
 * several dispatchers (nodes) may share one store. An event's deliveries are sent only once the store holds them;
 * {@link #dispatch} does not wait for that (its result says so: not {@link DispatchResult#durable() durable}),
 * {@link #dispatchAndAwait} waits for the store's group commit up to a deadline, and {@link #dispatchAsync}
 * completes when it lands. A node sends only to endpoints whose lease it holds in the store, renewed every third of
 * the lease, so that no endpoint is sent to by two nodes at once; deliveries for the endpoints of other nodes are
 * stored unleased, for their holders. Every
 * attempt is recorded in the store. A retry waits in the store, not in memory: the attempt's record leaves it
 * pending with its next attempt's time, and the relay, which leases due deliveries of this node's endpoints every
 * poll interval, takes it up when due, on this node or on whichever holds the endpoint then. The relay's first poll
 * picks up what a crashed node left, with the same delivery ids, once that node's leases have expired. Without a
 * store nothing of this runs, and nothing of it costs.
 */
public final class Dispatcher implements AutoCloseable {
    // A facade: it checks, matches and reserves for every event (intake), then hands the deliveries to its
    // Admission (in memory, or durable through the store); an AttemptRunner takes them through each endpoint's
    // EndpointLane and the transport; Custody says where they wait between attempts; Endings ends them once.
    // The two modes differ only in the Admission and the Custody chosen here, at construction.
    /** How long {@link #close()} waits for deliveries to drain; Herald's default for every close. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final List<EndpointRuntime> endpoints;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final ExecutorService ownedExecutor;
    private final DispatcherSettings settings;
    private final Custody custody;
    private final Room room;
    private final LiveDeliveries live = new LiveDeliveries();
    private final DispatchCounters counters = new DispatchCounters();
    private final Endings endings;
    private final Admission admission;
    private final AtomicBoolean started = new AtomicBoolean();
    private final DispatchObserver observer;

    private Dispatcher(Builder b) {
        Transport transport = Objects.requireNonNull(b.transport, "transport");
        TemplateRenderer renderer = Objects.requireNonNull(b.renderer, "template renderer");
        this.settings = b.settings.build();
        this.room = new Room(settings.capacity());
        this.endpoints = buildEndpoints(b.endpoints, b.signerFactory, settings.maxInFlightPerEndpoint());
        ListenerFanout listeners = new ListenerFanout(b.listeners);
        this.observer = ObserverFanout.of(b.observers);
        RandomGenerator random = b.random != null ? b.random : () -> ThreadLocalRandom.current().nextLong();
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler : new SystemScheduler();
        this.ownedExecutor = b.executor == null ? defaultExecutor() : null;
        Executor executor = b.executor != null ? b.executor : ownedExecutor;
        // The modes differ in two strategies only, chosen here: how events are admitted, and where deliveries wait.
        StoreLink link = null;
        DurableAdmission.Relay relay = null;
        if (b.store != null) {
            relay = new DurableAdmission.Relay();
            link = new StoreLink(StoreSettings.of(b.store, settings), scheduler, executor, endpoints, relay,
                    observer);
        }
        this.custody = link == null ? Custody.IN_MEMORY : new StoreCustody(link, scheduler);
        this.endings = new Endings(live, room, counters, listeners, scheduler, custody, observer);
        AttemptRunner runner = new AttemptRunner(transport, renderer, scheduler, executor, random, counters,
                listeners, room, custody, endings, observer);
        this.admission = link == null ? new InMemoryAdmission(live, counters, executor, runner, endings)
                : relay.bind(new DurableAdmission(link, scheduler, executor, room, live, counters, runner, endings));
    }

    /** Starts a dispatcher. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Hands an event over and returns at once, in every configuration: accepted with the delivery ids, no endpoint
     * wants it, or refused because the dispatcher is full or closed (or the store failed already). Never throws
     * for a well-formed event, and never waits.
     *
     * <p>With a store it returns once the event's deliveries are queued to the store's writer, not once the store
     * holds them: the result is {@link DispatchResult.Status#ACCEPTED} and not {@link DispatchResult#durable()
     * durable}, and the deliveries are sent once the store confirms. Should the store then fail, or not confirm
     * within the store timeout ({@link Builder#storeTimeout}), the event is refused after all: counted as
     * rejected, reported to the listeners' {@link DeliveryListener#onRejected}, and nothing is sent. A caller that
     * needs to know the event is durable waits for it with {@link #dispatchAndAwait} or {@link #dispatchAsync}.
     */
    public DispatchResult dispatch(Event event) {
        Object taken = intake(event);
        return taken instanceof Delivery[] deliveries ? admission.admit(event, deliveries) : (DispatchResult) taken;
    }

    /**
     * Hands an event over without waiting: the future completes once the store holds the event's deliveries
     * ({@link DispatchResult.Status#ACCEPTED}, {@link DispatchResult#durable() durable}), or once it has failed
     * or the store timeout has passed, by the scheduler's clock ({@link DispatchResult.Status#REJECTED_STORE}).
     * It completes on Herald's executor, or at once for an event refused, unmatched or not stored at all. Without
     * a store it is complete at once with what {@link #dispatch} returns.
     */
    public CompletableFuture<DispatchResult> dispatchAsync(Event event) {
        Object taken = intake(event);
        return taken instanceof Delivery[] deliveries ? admission.admitAsync(event, deliveries)
                : CompletableFuture.completedFuture((DispatchResult) taken);
    }

    /**
     * Hands an event over and waits, at most until the deadline, for the store to hold its deliveries: when it
     * returns {@link DispatchResult.Status#ACCEPTED}, the event is {@link DispatchResult#durable() durable} and
     * survives a crash. When the store fails, or does not confirm before the deadline (or the store timeout,
     * whichever comes first), the event is refused ({@link DispatchResult.Status#REJECTED_STORE}, its reason
     * saying which), counted, and nothing of it is sent, even if the store takes it later. Without a store there
     * is nothing to wait for, and it returns at once what {@link #dispatch} returns.
     */
    public DispatchResult dispatchAndAwait(Event event, Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        Object taken = intake(event);
        return taken instanceof Delivery[] deliveries ? admission.admitAndAwait(event, deliveries, deadline)
                : (DispatchResult) taken;
    }

    /**
     * How long {@link #dispatchAndAwait} waits at most for the store, whatever its deadline, and the store has to
     * confirm an event {@link #dispatch} accepted before it is refused after all ({@link Builder#storeTimeout}).
     */
    public Duration storeTimeout() {
        return settings.storeTimeout();
    }

    /** The settings it was built with, defaults and node id included. */
    public DispatcherSettings settings() {
        return settings;
    }

    /** Counters since start. */
    public DispatcherStats stats() {
        long inFlight = 0;
        for (EndpointRuntime ep : endpoints) {
            inFlight += ep.lane().inFlight();
        }
        return counters.snapshot(room.outstanding(), inFlight);
    }

    /**
     * What is not delivered yet, in memory, read now: outstanding, in flight, waiting for a retry, queued per
     * endpoint, and the age of the oldest. Never blocks the pipeline; the age walks the deliveries held, so read
     * it now and then (a metrics scrape), not per event.
     */
    public Backlog backlog() {
        long inFlight = 0;
        Map<String, Integer> queued = new LinkedHashMap<>();
        for (EndpointRuntime ep : endpoints) {
            inFlight += ep.lane().inFlight();
            queued.put(ep.endpoint().name(), ep.lane().queued());
        }
        long oldest = live.oldestAcceptedAtMillis();
        Duration age = oldest == Long.MAX_VALUE ? Duration.ZERO
                : Duration.ofMillis(Math.max(0, scheduler.now().toEpochMilli() - oldest));
        return new Backlog(room.outstanding(), inFlight, counters.waitingForRetry(), queued, age);
    }

    /** The endpoints, as configured. */
    public List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>(endpoints.size());
        for (EndpointRuntime ep : endpoints) {
            out.add(ep.endpoint());
        }
        return out;
    }

    /** Whether the named endpoint takes deliveries: enabled and not disabled by a 410. */
    public boolean isActive(String endpointName) {
        for (EndpointRuntime ep : endpoints) {
            if (ep.endpoint().name().equals(endpointName)) {
                return ep.active();
            }
        }
        throw new IllegalArgumentException("no endpoint named '" + endpointName + "'");
    }

    /** Closes with the default deadline of 10 seconds. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Starts the dispatcher's background work: with a store, leasing endpoints and polling for due deliveries;
     * without one, nothing. Idempotent, and a no-op once closed.
     */
    public void start() {
        if (!room.isClosed() && started.compareAndSet(false, true)) {
            custody.start();
        }
    }

    /**
     * Stops taking events and waits up to the deadline for every outstanding delivery to end. What has not ended
     * by then is called off and reported: nothing is dropped silently.
     *
     * <p>With a store, the relay stops taking deliveries at once and a retry goes to the store rather than waiting
     * here; what is left at the deadline is released to the store (waiting for it at most the store timeout), for
     * another node or the next start, an attempt still unanswered recorded as an attempt without an answer; the
     * leases of endpoints with nothing in flight are given up, so that another node takes them at once. The report
     * then says what is pending in the store ({@link CloseReport#store()}), as the store lists it. The store
     * itself stays open: its owner closes it after the dispatcher.
     */
    public CloseReport close(Duration deadline) {
        room.close();
        custody.stopTaking();
        boolean drained = room.awaitEmpty(deadline.toNanos());
        for (EndpointRuntime ep : endpoints) {
            // What is still queued ends below, with the rest of what is live; no later drain may start it.
            ep.lane().takeQueued();
        }
        List<DeliveryOutcome> undelivered = new ArrayList<>();
        Map<Delivery, DeliveryOutcome> calledOff = new LinkedHashMap<>();
        String reason = custody.closeReason();
        for (Delivery d : live.snapshot()) {
            DeliveryOutcome o = endings.finish(d, DeliveryStatus.CANCELLED, reason);
            if (o != null) {
                undelivered.add(o);
                calledOff.put(d, o);
            }
        }
        PendingInStore pending = custody.close(calledOff);
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
            try {
                // Work already running may still hand an attempt to the transport; let it end before whoever
                // closed us goes on to close the transport.
                ownedExecutor.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownsScheduler) {
            scheduler.close();
        }
        return new CloseReport(drained, undelivered, pending);
    }

    /**
     * The steps every dispatch shares, whatever the mode: checks the event, refuses it when closed, matches its
     * endpoints, reserves room for its deliveries (refusing it when they do not fit) and builds them. Returns
     * the deliveries ({@code Delivery[]}) for the {@link Admission} to take in, or the answer ({@link
     * DispatchResult}) for an event that gets none; one object either way, so that nothing is allocated to say
     * which.
     */
    private Object intake(Event event) {
        Objects.requireNonNull(event, "event");
        if (room.isClosed()) {
            return endings.reject(event, DispatchResult.closed());
        }
        List<EndpointRuntime> matched = match(event);
        if (matched == null) {
            if (observer != DispatchObserver.NONE) {
                observer.eventUnmatched(event);
            }
            return DispatchResult.noMatch();
        }
        int n = matched.size();
        if (!room.reserve(n)) {
            return endings.reject(event, DispatchResult.full());
        }
        Delivery[] deliveries = new Delivery[n];
        long acceptedAt = scheduler.now().toEpochMilli();
        for (int i = 0; i < n; i++) {
            deliveries[i] = new Delivery(EventIds.newDeliveryId(), event, matched.get(i), acceptedAt);
        }
        if (observer != DispatchObserver.NONE) {
            Object context = observer.eventAccepted(event, n);
            for (Delivery d : deliveries) {
                d.eventContext(context);
            }
        }
        return deliveries;
    }

    /** The active endpoints whose filter accepts the event; null when none does. */
    private List<EndpointRuntime> match(Event event) {
        List<EndpointRuntime> matched = null;
        for (EndpointRuntime ep : endpoints) {
            if (ep.active() && ep.endpoint().filter().accepts(event)) {
                if (matched == null) {
                    matched = new ArrayList<>(Math.min(endpoints.size(), 8));
                }
                matched.add(ep);
            }
        }
        return matched;
    }

    private static List<EndpointRuntime> buildEndpoints(List<Endpoint> endpoints, SignerFactory factory,
            int maxInFlight) {
        List<String> errors = new ArrayList<>();
        List<EndpointRuntime> out = new ArrayList<>(endpoints.size());
        Set<String> names = new HashSet<>();
        for (Endpoint e : endpoints) {
            if (!names.add(e.name())) {
                errors.add("endpoint '" + e.name() + "': name used by more than one endpoint");
                continue;
            }
            try {
                out.add(new EndpointRuntime(e, Objects.requireNonNull(factory.create(e.authentication()),
                        "signer factory returned null"), maxInFlight));
            } catch (RuntimeException ex) {
                errors.add("endpoint '" + e.name() + "': " + ex.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
        return List.copyOf(out);
    }

    private static ExecutorService defaultExecutor() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "herald-dispatch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Builds a {@link Dispatcher}; endpoints' signers are created and checked at {@link #build()}. */
    public static final class Builder {
        private final List<Endpoint> endpoints = new ArrayList<>();
        private final List<DeliveryListener> listeners = new ArrayList<>();
        private final List<DispatchObserver> observers = new ArrayList<>();
        private Transport transport;
        private TemplateRenderer renderer;
        private SignerFactory signerFactory = SignerFactory.NONE_ONLY;
        private Scheduler scheduler;
        private Executor executor;
        private RandomGenerator random;
        private DeliveryOutbox store;
        // Every value setting, with its default and its check, lives in DispatcherSettings.
        private DispatcherSettings.Builder settings = DispatcherSettings.builder();

        private Builder() {}

        public Builder endpoint(Endpoint endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        public Builder endpoints(List<Endpoint> list) {
            list.forEach(this::endpoint);
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        public Builder templateRenderer(TemplateRenderer renderer) {
            this.renderer = renderer;
            return this;
        }

        public Builder signerFactory(SignerFactory signerFactory) {
            this.signerFactory = Objects.requireNonNull(signerFactory, "signer factory");
            return this;
        }

        /** The clock and timer; by default the system clock with one timer thread, closed with the dispatcher. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * Herald's executor: where rendering, signing, store writes, retries and the listeners run; by default a
         * pool of one thread per core (at least two), closed with the dispatcher. A slow listener slows this
         * executor only, never the transport's event loops.
         */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        /** The jitter's random source; by default {@link ThreadLocalRandom}. */
        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        public Builder listener(DeliveryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Adds an observer of events taken and of every attempt (metrics, traces); see {@link DispatchObserver}
         * for the threads it runs on. Several may be added; each sees everything.
         */
        public Builder observer(DispatchObserver observer) {
            observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /**
         * Every value setting at once, replacing those given before; the ones given after replace these in turn.
         */
        public Builder settings(DispatcherSettings settings) {
            this.settings = settings.toBuilder();
            return this;
        }

        /** The most deliveries outstanding at once; see {@link DispatcherSettings#capacity()}. */
        public Builder capacity(int capacity) {
            settings.capacity(capacity);
            return this;
        }

        /**
         * The most attempts in flight at once to one endpoint; see
         * {@link DispatcherSettings#maxInFlightPerEndpoint()}.
         */
        public Builder maxInFlightPerEndpoint(int maxInFlightPerEndpoint) {
            settings.maxInFlightPerEndpoint(maxInFlightPerEndpoint);
            return this;
        }

        /**
         * Where deliveries live until they end, so that nothing accepted is lost when the process dies and several
         * nodes can share the work; none by default, and then nothing is stored. The dispatcher does not close it.
         */
        public Builder store(DeliveryOutbox store) {
            this.store = store;
            return this;
        }

        /** This node's id in the store's leases; see {@link DispatcherSettings#node()}. */
        public Builder node(String nodeId) {
            settings.node(nodeId);
            return this;
        }

        /** How long the store's leases last unless renewed; see {@link DispatcherSettings#leaseDuration()}. */
        public Builder leaseDuration(Duration leaseDuration) {
            settings.leaseDuration(leaseDuration);
            return this;
        }

        /** How often the relay looks in the store for due deliveries; see {@link DispatcherSettings#pollInterval()}. */
        public Builder pollInterval(Duration pollInterval) {
            settings.pollInterval(pollInterval);
            return this;
        }

        /** How long delivered and dead deliveries stay in the store; see {@link DispatcherSettings#retention()}. */
        public Builder retention(Duration retention) {
            settings.retention(retention);
            return this;
        }

        /**
         * How long the store has to hold an event's deliveries before the event is refused; see
         * {@link DispatcherSettings#storeTimeout()}.
         */
        public Builder storeTimeout(Duration storeTimeout) {
            settings.storeTimeout(storeTimeout);
            return this;
        }

        /** Builds the dispatcher and {@linkplain Dispatcher#start() starts} it. */
        public Dispatcher build() {
            Dispatcher dispatcher = buildUnstarted();
            dispatcher.start();
            return dispatcher;
        }

        /**
         * Builds the dispatcher without starting it, for a container (a Guice provider) in which nothing should
         * start before every part is built; the caller then calls {@link Dispatcher#start()}.
         */
        public Dispatcher buildUnstarted() {
            return new Dispatcher(this);
        }
    }
}
