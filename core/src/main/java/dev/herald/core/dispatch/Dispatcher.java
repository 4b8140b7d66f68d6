package dev.herald.core.dispatch;

import dev.herald.core.dispatch.internal.Delivery;
import dev.herald.core.dispatch.internal.EndpointRuntime;
import dev.herald.core.dispatch.internal.ListenerFanout;
import dev.herald.core.dispatch.internal.LiveDeliveries;
import dev.herald.core.dispatch.internal.StoreLink;
import dev.herald.core.dispatch.internal.StoreSettings;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.HeaderRules;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventIds;
import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.signing.SignerFactory;
import dev.herald.core.signing.SigningInput;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.StoredDelivery;
import dev.herald.core.store.StoredState;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.core.template.TemplateRenderer;
import dev.herald.core.time.Cancellable;
import dev.herald.core.time.Scheduler;
import dev.herald.core.time.SystemScheduler;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.Transport;
import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * Turns events into deliveries: for each enabled endpoint whose filter accepts an event, render the body (once per
 * distinct template), sign it, send it, and retry it as the endpoint's policy says.
 *
 * <p>Threads, in three lines:
 * <ol>
 *   <li>The caller's thread only filters, reserves room and hands over: {@link #dispatch(Event)} never blocks,
 *       in every configuration; only {@link #dispatchAndAwait}, as its name says, waits (for the store).</li>
 *   <li>The transport's threads (Netty's event loops, its deadline thread) run only the exchange itself.</li>
 *   <li>Herald's executor ({@link Builder#executor}) runs the rest: rendering, signing, store writes, retries and
 *       every {@link DeliveryListener} callback, which therefore never runs on an event loop or a timer
 *       thread.</li>
 * </ol>
 * When the transport's answer (or the timer's retry, or the store's confirmation) arrives, the work hops to the
 * executor before it goes on. A refusal {@link #dispatch} returns itself reaches
 * {@link DeliveryListener#onRejected} on the caller's thread, before it returns.
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
 * <p>With a {@link DeliveryStore} ({@link Builder#store}), nothing accepted is lost when the process dies, and
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
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final int ERROR_BODY_CHARS = 512;
    private static final String UNANSWERED_AT_CLOSE =
            "no answer before the dispatcher closed; the request may have reached the receiver";

    private final List<EndpointRuntime> endpoints;
    private final Transport transport;
    private final TemplateRenderer renderer;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final ListenerFanout listeners;
    private final RandomGenerator random;
    private final int capacity;
    private final int maxInFlightPerEndpoint;
    private final Duration storeTimeout;
    /** The delivery store's side of the dispatcher; null without a store. */
    private final StoreLink link;

    private final AtomicInteger outstanding = new AtomicInteger();
    private final LiveDeliveries live = new LiveDeliveries();
    private final Object drainSignal = new Object();
    private volatile boolean closed;
    private final AtomicBoolean started = new AtomicBoolean();

    private final LongAdder eventsAccepted = new LongAdder();
    private final LongAdder eventsRejected = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder retries = new LongAdder();

    private Dispatcher(Builder b) {
        this.transport = Objects.requireNonNull(b.transport, "transport");
        this.renderer = Objects.requireNonNull(b.renderer, "template renderer");
        if (b.capacity < 1) {
            throw new IllegalArgumentException("capacity: must be at least 1, got " + b.capacity);
        }
        if (b.maxInFlightPerEndpoint < 1) {
            throw new IllegalArgumentException(
                    "max_in_flight_per_endpoint: must be at least 1, got " + b.maxInFlightPerEndpoint);
        }
        StoreSettings storeSettings = b.store == null ? null : new StoreSettings(b.store,
                b.node != null ? b.node : EventIds.next("node_"), b.leaseDuration, b.pollInterval, b.retention,
                b.storeTimeout);
        this.capacity = b.capacity;
        this.maxInFlightPerEndpoint = b.maxInFlightPerEndpoint;
        this.storeTimeout = Objects.requireNonNull(b.storeTimeout, "store timeout");
        this.endpoints = buildEndpoints(b.endpoints, b.signerFactory);
        this.listeners = new ListenerFanout(b.listeners);
        this.random = b.random != null ? b.random : () -> ThreadLocalRandom.current().nextLong();
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = b.scheduler != null ? b.scheduler : new SystemScheduler();
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = defaultExecutor();
            this.executor = ownedExecutor;
        }
        this.link = storeSettings == null ? null
                : new StoreLink(storeSettings, scheduler, executor, endpoints, new StoreHost());
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
        if (link != null) {
            CompletableFuture<DispatchResult> admission = admitDurably(event);
            // Settled already (refused, no match, or a store that answered at once): that is the honest answer.
            DispatchResult settled = admission.getNow(null);
            if (settled != null) {
                return settled;
            }
            return DispatchResult.queued(((Admission) admission).ids());
        }
        Objects.requireNonNull(event, "event");
        if (closed) {
            return reject(event, DispatchResult.closed());
        }
        List<EndpointRuntime> matched = match(event);
        if (matched == null) {
            return DispatchResult.noMatch();
        }
        int n = matched.size();
        if (!reserve(n)) {
            return reject(event, DispatchResult.full());
        }
        Delivery[] deliveries = new Delivery[n];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = EventIds.newDeliveryId();
            deliveries[i] = new Delivery(ids[i], event, matched.get(i));
            live.add(deliveries[i]);
        }
        eventsAccepted.increment();
        try {
            executor.execute(() -> prepare(deliveries));
        } catch (RejectedExecutionException e) {
            for (Delivery d : deliveries) {
                finish(d, DeliveryStatus.CANCELLED, "the dispatcher's executor refused the work");
            }
        }
        return DispatchResult.accepted(List.of(ids));
    }

    /**
     * Hands an event over without waiting: the future completes once the store holds the event's deliveries
     * ({@link DispatchResult.Status#ACCEPTED}, {@link DispatchResult#durable() durable}), or once it has failed
     * or the store timeout has passed, by the scheduler's clock ({@link DispatchResult.Status#REJECTED_STORE}).
     * It completes on Herald's executor, or at once for an event refused, unmatched or not stored at all. Without
     * a store it is complete at once with what {@link #dispatch} returns.
     */
    public CompletableFuture<DispatchResult> dispatchAsync(Event event) {
        if (link == null) {
            return CompletableFuture.completedFuture(dispatch(event));
        }
        // A copy, so that a caller completing or cancelling its future cannot touch the admission.
        return admitDurably(event).copy();
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
        if (link == null) {
            return dispatch(event);
        }
        return awaitDurable(admitDurably(event), deadline);
    }

    /**
     * How long {@link #dispatchAndAwait} waits at most for the store, whatever its deadline, and the store has to
     * confirm an event {@link #dispatch} accepted before it is refused after all ({@link Builder#storeTimeout}).
     */
    public Duration storeTimeout() {
        return storeTimeout;
    }

    /** Counters since start. */
    public DispatcherStats stats() {
        long inFlight = 0;
        for (EndpointRuntime ep : endpoints) {
            inFlight += ep.inFlight().get();
        }
        return new DispatcherStats(eventsAccepted.sum(), eventsRejected.sum(), delivered.sum(), failed.sum(),
                attempts.sum(), retries.sum(), outstanding.get(), inFlight);
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
        if (link != null && !closed && started.compareAndSet(false, true)) {
            link.start();
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
        closed = true;
        if (link != null) {
            link.stopRelay();
        }
        long end = System.nanoTime() + Math.max(0, deadline.toNanos());
        synchronized (drainSignal) {
            while (outstanding.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(drainSignal, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        boolean drained = outstanding.get() == 0;
        List<DeliveryOutcome> undelivered = new ArrayList<>();
        List<Delivery> released = new ArrayList<>();
        Map<Delivery, AttemptRecord> unanswered = new LinkedHashMap<>();
        Instant now = scheduler.now();
        for (Delivery d : live.snapshot()) {
            DeliveryOutcome o = finish(d, DeliveryStatus.CANCELLED, link == null
                    ? "not delivered before the dispatcher closed"
                    : "not delivered before the dispatcher closed; released to the store for another node");
            if (o == null) {
                continue;
            }
            undelivered.add(o);
            if (link == null) {
                continue;
            }
            long startNanos = d.attemptInFlightNanos();
            Instant startedAt = d.takeAttemptInFlight();
            if (startedAt == null) {
                released.add(d);
            } else {
                // The request went out and may have arrived: it counts as an attempt, so that the store (and
                // whoever lists it) sees the receiver may already hold this delivery id.
                unanswered.put(d, new AttemptRecord(d.id(), d.event().id(), d.endpoint().endpoint().name(),
                        o.attempts(), startedAt, Duration.ofNanos(System.nanoTime() - startNanos), 0,
                        UNANSWERED_AT_CLOSE, OutcomeClass.RETRYABLE, null, now));
            }
        }
        PendingInStore pending = null;
        if (link != null) {
            pending = link.close(released, unanswered);
        }
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

    private DispatchResult reject(Event event, DispatchResult result) {
        eventsRejected.increment();
        listeners.onRejected(event, result);
        return result;
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

    /** Takes room for {@code n} deliveries; false, taking none, when they do not fit. */
    private boolean reserve(int n) {
        while (true) {
            int current = outstanding.get();
            if (current + n > capacity) {
                return false;
            }
            if (outstanding.compareAndSet(current, current + n)) {
                return true;
            }
        }
    }

    /** Gives back room for {@code n} deliveries, waking a close that waits for the last. */
    private void freeRoom(int n) {
        if (outstanding.addAndGet(-n) == 0 && closed) {
            synchronized (drainSignal) {
                drainSignal.notifyAll();
            }
        }
    }

    /**
     * Filters and reserves as {@link #dispatch} does, then appends the deliveries to the store; they are sent once
     * the store confirms. The scheduler refuses the event if the store has not confirmed within the store timeout.
     * The store's answer and the timer are both handed to Herald's executor, so that neither the store's writer
     * nor the timer thread runs the sending or the listeners.
     */
    private CompletableFuture<DispatchResult> admitDurably(Event event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            return CompletableFuture.completedFuture(reject(event, DispatchResult.closed()));
        }
        List<EndpointRuntime> matched = match(event);
        if (matched == null) {
            return CompletableFuture.completedFuture(DispatchResult.noMatch());
        }
        int n = matched.size();
        if (!reserve(n)) {
            return CompletableFuture.completedFuture(reject(event, DispatchResult.full()));
        }
        Instant now = scheduler.now();
        Delivery[] deliveries = new Delivery[n];
        List<StoredDelivery> stored = new ArrayList<>(n);
        boolean leased = true;
        for (int i = 0; i < n; i++) {
            EndpointRuntime ep = matched.get(i);
            deliveries[i] = new Delivery(EventIds.newDeliveryId(), event, ep);
            stored.add(StoredDelivery.accepted(deliveries[i].id(), event, ep.endpoint().name(), now));
            leased &= link.canSend(ep, now);
        }
        // One append per event, so that its deliveries are stored all or none: leased to this node when it holds
        // every endpoint, else unleased, each left for its endpoint's holder (this node's relay included).
        Admission admission = new Admission(event, deliveries, leased);
        admission.timer = scheduler.schedule(link.timeout(),
                () -> onHeraldExecutor(() -> admission.refuse(timeoutReason(link.timeout()))));
        link.append(stored, leased, now).whenComplete((v, error) -> onHeraldExecutor(() -> admission.appended(error)));
        return admission;
    }

    /** Waits, at most the deadline, for an admission to settle; refuses the event when it does not. */
    private DispatchResult awaitDurable(CompletableFuture<DispatchResult> pending, Duration deadline) {
        if (!(pending instanceof Admission admission)) {
            return pending.join();
        }
        try {
            return admission.get(Math.max(0, deadline.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            admission.refuse(timeoutReason(deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admission.refuse("interrupted while waiting for the delivery store");
        } catch (ExecutionException e) {
            admission.refuse(describe(unwrap(e)));
        }
        return admission.join();
    }

    private static String timeoutReason(Duration waited) {
        return "the delivery store did not confirm within " + waited;
    }

    /**
     * Runs follow-up work on Herald's executor rather than on the thread that completed a future (a Netty event
     * loop, the transport's deadline thread, the timer, the store's writer), so that listeners, store writes and
     * the next signing never stall those. Once the executor refuses work (the dispatcher has closed) it runs here,
     * since dropping it would leave a delivery's place in flight taken forever.
     */
    private void onHeraldExecutor(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            work.run();
        }
    }

    /** Renders each distinct template once, then queues the deliveries for sending. */
    private void prepare(Delivery[] deliveries) {
        Event event = deliveries[0].event();
        Map<CompiledTemplate, Object> rendered = deliveries.length > 1 ? new IdentityHashMap<>() : null;
        for (Delivery d : deliveries) {
            Object body;
            String key = "?";
            try {
                CompiledTemplate template = renderer.select(event, d.endpoint().endpoint());
                key = template.key();
                body = rendered == null ? null : rendered.get(template);
                if (body == null) {
                    body = renderOrError(template, event);
                    if (rendered != null) {
                        rendered.put(template, body);
                    }
                }
            } catch (RuntimeException e) {
                body = e;
            }
            if (body instanceof byte[] bytes) {
                d.body(bytes);
                submit(d);
            } else {
                RuntimeException e = (RuntimeException) body;
                failUnsent(d, DeliveryStatus.FAILED_TO_PREPARE, "template '" + key + "' failed: " + describe(e));
            }
        }
    }

    private static Object renderOrError(CompiledTemplate template, Event event) {
        try {
            byte[] bytes = template.render(event);
            return Objects.requireNonNull(bytes, "template rendered null");
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void submit(Delivery d) {
        EndpointRuntime ep = d.endpoint();
        // Nothing waits and there is room: straight out, without a trip through the queue. Whoever queued since
        // the look drains the queue itself, so skipping it loses nothing.
        if (ep.ready().isEmpty()) {
            AtomicInteger inFlight = ep.inFlight();
            int current = inFlight.get();
            if (current < maxInFlightPerEndpoint && inFlight.compareAndSet(current, current + 1)) {
                if (!attempt(d)) {
                    // It gave its place back unsent; whatever queued behind it meanwhile must not wait for an
                    // answer that will never come.
                    drain(ep);
                }
                return;
            }
        }
        ep.ready().add(d);
        drain(ep);
    }

    /**
     * Starts the endpoint's queued attempts while it has room in flight. Any thread may call it; none waits in
     * it. Whoever frees a place or queues a delivery calls it afterwards, so no delivery is left behind.
     */
    private void drain(EndpointRuntime ep) {
        AtomicInteger inFlight = ep.inFlight();
        while (true) {
            int current = inFlight.get();
            if (current >= maxInFlightPerEndpoint || ep.ready().isEmpty()) {
                return;
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            Delivery d = ep.ready().poll();
            if (d == null) {
                inFlight.decrementAndGet();
                continue;
            }
            attempt(d);
        }
    }

    /**
     * Sends one attempt; the caller has taken a place in flight for it. False when it ended the delivery (or gave
     * it back) instead, freeing the place at once.
     */
    private boolean attempt(Delivery d) {
        EndpointRuntime ep = d.endpoint();
        if (d.ended() || ep.gone()) {
            ep.inFlight().decrementAndGet();
            failUnsent(d, DeliveryStatus.GONE, "the endpoint was disabled after answering 410");
            return false;
        }
        Instant startedAt = scheduler.now();
        if (link != null && !link.canSend(ep, startedAt)) {
            ep.inFlight().decrementAndGet();
            handBack(d);
            return false;
        }
        int attempt = d.nextAttempt();
        attempts.increment();
        if (attempt > 1) {
            retries.increment();
        }
        Endpoint endpoint = ep.endpoint();
        // Room for the id and the signer's headers too, so that adding them never rehashes.
        Map<String, String> headers = new LinkedHashMap<>((endpoint.headers().size() + 5) * 4 / 3 + 1);
        headers.putAll(endpoint.headers());
        try {
            // A stored delivery's id comes from the store, so it is checked where it enters a header.
            HeaderRules.requireValidValue(d.id(), HeaderRules.DELIVERY_ID);
        } catch (IllegalArgumentException e) {
            ep.inFlight().decrementAndGet();
            failUnsent(d, DeliveryStatus.FAILED_TO_PREPARE, e.getMessage());
            return false;
        }
        // Here rather than in each signer, so that every signing (and a custom transport) gets it.
        headers.put(HeaderRules.DELIVERY_ID, d.id());
        String id = d.id();
        try {
            ep.signer().sign(new SigningInput(d.body(), id, startedAt), (name, value) -> {
                if (!HeaderRules.DELIVERY_ID.equalsIgnoreCase(name)) {
                    headers.put(name, value);
                } else if (!id.equals(value)) {
                    // A signature over another id than the one sent would never verify.
                    throw new IllegalStateException("the signer set another webhook-id than the delivery's");
                }
            });
        } catch (RuntimeException e) {
            ep.inFlight().decrementAndGet();
            // The signer's message may quote its settings; name the failure's type only.
            failUnsent(d, DeliveryStatus.FAILED_TO_PREPARE, "signing failed: " + e.getClass().getSimpleName());
            return false;
        }
        long t0 = System.nanoTime();
        // The deadline starts with the attempt: what the transport waits for before sending counts against it.
        OutboundRequest request = new OutboundRequest(endpoint.name(), endpoint.url(),
                Collections.unmodifiableMap(headers), d.body(), endpoint.timeout(),
                OutboundRequest.deadlineFrom(t0, endpoint.timeout()), d.id(), attempt);
        if (link != null) {
            d.attemptSent(startedAt, t0);
        }
        CompletionStage<TransportResponse> answer;
        try {
            answer = transport.send(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> {
            // Timed here, on the completing thread, so that waiting for the executor does not count as the exchange.
            long nanos = System.nanoTime() - t0;
            onHeraldExecutor(() -> {
                ep.inFlight().decrementAndGet();
                try {
                    onAnswer(d, attempt, startedAt, nanos, response, error);
                } finally {
                    drain(ep);
                }
            });
        });
        return true;
    }

    private void onAnswer(Delivery d, int attempt, Instant startedAt, long nanos, TransportResponse response,
            Throwable error) {
        // A close that stopped waiting for this answer has recorded the attempt as unanswered already.
        boolean recordedHere = link == null || d.takeAttemptInFlight() != null;
        OutcomeClass outcome;
        int status = 0;
        String errorText = null;
        Duration retryAfter = null;
        if (error != null) {
            Throwable cause = unwrap(error);
            outcome = cause instanceof TransportException te && !te.retryable()
                    ? OutcomeClass.FINAL : OutcomeClass.RETRYABLE;
            errorText = describe(cause);
        } else if (response == null) {
            outcome = OutcomeClass.RETRYABLE;
            errorText = "the transport answered nothing";
        } else {
            status = response.status();
            outcome = OutcomeClass.ofStatus(status);
            retryAfter = response.retryAfter();
        }
        d.recordAnswer(status, errorText);
        RetryPolicy policy = d.endpoint().endpoint().retryPolicy();
        Duration delay = null;
        // With a store a retry waits there, for any node, so closing this one does not call it off.
        if (outcome == OutcomeClass.RETRYABLE && policy.canRetryAfter(attempt) && (!closed || link != null)) {
            delay = policy.delayBeforeRetry(attempt - 1, retryAfter, random);
        }
        AttemptRecord record = null;
        if (!listeners.isEmpty() || link != null) {
            record = new AttemptRecord(d.id(), d.event().id(), d.endpoint().endpoint().name(), attempt,
                    startedAt, Duration.ofNanos(nanos), status, errorText, outcome, responseText(response),
                    delay == null ? null : scheduler.now().plus(delay));
            if (!listeners.isEmpty()) {
                listeners.onAttempt(record);
            }
        }
        if (link != null && recordedHere) {
            // Announced before the room is freed: a close that finds nothing outstanding then waits for this
            // record before it reads back what is pending.
            link.writeComing();
        }
        switch (outcome) {
            case SUCCESS -> finish(d, DeliveryStatus.DELIVERED, null);
            case GONE -> {
                if (d.endpoint().markGone()) {
                    listeners.onEndpointDisabled(d.endpoint().endpoint().name());
                }
                finish(d, DeliveryStatus.GONE, "the endpoint answered 410 Gone and was disabled");
            }
            case FINAL -> finish(d, DeliveryStatus.REJECTED, errorText != null ? errorText
                    : "the endpoint answered " + status + ", which retrying cannot change");
            case RETRYABLE -> {
                if (delay == null) {
                    finish(d, DeliveryStatus.EXHAUSTED, errorText != null ? errorText
                            : "the endpoint answered " + status + " on the last allowed attempt");
                } else if (link != null) {
                    leave(d);
                } else {
                    d.pendingRetry(scheduler.schedule(delay, () -> onHeraldExecutor(() -> submit(d))));
                    if (d.ended()) {
                        d.cancelRetry();
                    }
                }
            }
        }
        if (link != null && recordedHere) {
            link.recordAttempt(d, record, outcome == OutcomeClass.SUCCESS ? StoredState.DELIVERED
                    : delay != null ? StoredState.PENDING : StoredState.DEAD, true);
        }
    }

    /**
     * Ends a delivery once: counts it, frees its room and publishes its outcome; null when it had ended (or when
     * nobody listens and it was not cancelled: the outcome is built only for someone).
     */
    private DeliveryOutcome finish(Delivery d, DeliveryStatus status, String error) {
        if (!d.end()) {
            return null;
        }
        return ended(d, status, error);
    }

    /** Ends a delivery that failed before an attempt could be made; with a store, records it dead there. */
    private void failUnsent(Delivery d, DeliveryStatus status, String error) {
        if (!d.end()) {
            return;
        }
        if (link != null) {
            link.writeComing();
        }
        ended(d, status, error);
        if (link != null) {
            link.recordFinal(d, StoredState.DEAD, error, true);
        }
    }

    /**
     * Takes a delivery out of memory without ending it: it waits in the store, for a later attempt or another
     * node. False when it had ended already.
     */
    private boolean leave(Delivery d) {
        if (!d.end()) {
            return false;
        }
        d.cancelRetry();
        live.remove(d);
        freeRoom(1);
        return true;
    }

    /** Gives a delivery this node may not send (it lost the endpoint's lease) back to the store, for the holder. */
    private void handBack(Delivery d) {
        if (leave(d)) {
            link.release(List.of(d));
        }
    }

    private DeliveryOutcome ended(Delivery d, DeliveryStatus status, String error) {
        d.cancelRetry();
        live.remove(d);
        if (status == DeliveryStatus.DELIVERED) {
            delivered.increment();
        } else {
            failed.increment();
        }
        DeliveryOutcome outcome = null;
        boolean publish = !listeners.isEmpty();
        if (publish || status == DeliveryStatus.CANCELLED) {
            outcome = new DeliveryOutcome(d.id(), d.event(), d.endpoint().endpoint().name(), status, d.attempts(),
                    d.lastStatus(), error != null ? error : d.lastError(), scheduler.now());
        }
        if (publish) {
            listeners.onOutcome(outcome);
        }
        freeRoom(1);
        return outcome;
    }

    private static String responseText(TransportResponse response) {
        if (response == null || response.body().length == 0) {
            return null;
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        return text.length() > ERROR_BODY_CHARS ? text.substring(0, ERROR_BODY_CHARS) : text;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String describe(Throwable t) {
        if (t instanceof TransportException te) {
            return te.kind().name().toLowerCase() + ": " + te.getMessage();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static List<EndpointRuntime> buildEndpoints(List<Endpoint> endpoints, SignerFactory factory) {
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
                        "signer factory returned null")));
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

    /**
     * An event whose deliveries wait for the store to hold them; settled once, by the store's answer or by the
     * timeout, whichever comes first.
     */
    private final class Admission extends CompletableFuture<DispatchResult> {
        private final Event event;
        private final Delivery[] deliveries;
        private final boolean leased;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile Cancellable timer;

        Admission(Event event, Delivery[] deliveries, boolean leased) {
            this.event = event;
            this.deliveries = deliveries;
            this.leased = leased;
        }

        void appended(Throwable error) {
            Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
            if (!settled.compareAndSet(false, true)) {
                if (error == null) {
                    link.endRefused(ids(), "refused: the store confirmed it after the dispatch had stopped waiting");
                }
                return;
            }
            if (error != null) {
                refused("the delivery store failed: " + describe(unwrap(error)));
            } else {
                accepted();
            }
        }

        void refuse(String reason) {
            if (settled.compareAndSet(false, true)) {
                refused(reason);
            }
        }

        private void refused(String reason) {
            freeRoom(deliveries.length);
            complete(reject(event, DispatchResult.storeRefused(reason)));
        }

        private void accepted() {
            eventsAccepted.increment();
            if (!leased || closed) {
                // The endpoints' holders send them; a close that began meanwhile hands them over too.
                if (leased) {
                    link.release(List.of(deliveries));
                }
                freeRoom(deliveries.length);
            } else {
                for (Delivery d : deliveries) {
                    live.add(d);
                    link.hold(d);
                }
                try {
                    executor.execute(() -> prepare(deliveries));
                } catch (RejectedExecutionException e) {
                    List<Delivery> cancelled = new ArrayList<>();
                    for (Delivery d : deliveries) {
                        if (finish(d, DeliveryStatus.CANCELLED, "the dispatcher's executor refused the work") != null) {
                            cancelled.add(d);
                        }
                    }
                    link.release(cancelled);
                }
            }
            complete(DispatchResult.durable(ids()));
        }

        List<String> ids() {
            List<String> ids = new ArrayList<>(deliveries.length);
            for (Delivery d : deliveries) {
                ids.add(d.id());
            }
            return ids;
        }
    }

    /** What the store's relay hands this dispatcher: due deliveries, leased to this node. */
    private final class StoreHost implements StoreLink.Host {
        @Override
        public int room() {
            return capacity - outstanding.get();
        }

        @Override
        public int adopt(List<StoredDelivery> due) {
            int kept = 0;
            List<String> giveBack = new ArrayList<>();
            for (StoredDelivery sd : due) {
                // Leased again by this poll, already in memory here: one copy of a delivery per node, ever.
                if (link.isHeld(sd.deliveryId())) {
                    continue;
                }
                EndpointRuntime ep = link.endpoint(sd.endpointName());
                if (ep == null || closed || !reserve(1)) {
                    giveBack.add(sd.deliveryId());
                    continue;
                }
                Delivery d = new Delivery(sd.deliveryId(), sd.event(), ep, sd.attempts());
                live.add(d);
                link.hold(d);
                kept++;
                prepare(new Delivery[] {d});
            }
            if (!giveBack.isEmpty()) {
                link.giveBack(giveBack);
            }
            return kept;
        }
    }

    /** Builds a {@link Dispatcher}; endpoints' signers are created and checked at {@link #build()}. */
    public static final class Builder {
        private final List<Endpoint> endpoints = new ArrayList<>();
        private final List<DeliveryListener> listeners = new ArrayList<>();
        private Transport transport;
        private TemplateRenderer renderer;
        private SignerFactory signerFactory = SignerFactory.NONE_ONLY;
        private Scheduler scheduler;
        private Executor executor;
        private RandomGenerator random;
        private int capacity = 10_000;
        private int maxInFlightPerEndpoint = 64;
        private DeliveryStore store;
        private String node;
        private Duration leaseDuration = Duration.ofSeconds(30);
        private Duration pollInterval = Duration.ofMillis(250);
        private Duration retention = Duration.ofDays(7);
        private Duration storeTimeout = Duration.ofSeconds(5);

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

        /** The most deliveries outstanding at once: queued, in flight or waiting for a retry. */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /** The most attempts in flight at once to one endpoint. */
        public Builder maxInFlightPerEndpoint(int maxInFlightPerEndpoint) {
            this.maxInFlightPerEndpoint = maxInFlightPerEndpoint;
            return this;
        }

        /**
         * Where deliveries live until they end, so that nothing accepted is lost when the process dies and several
         * nodes can share the work; none by default, and then nothing is stored. The dispatcher does not close it.
         */
        public Builder store(DeliveryStore store) {
            this.store = store;
            return this;
        }

        /** This node's id in the store's leases; a random one by default. Keep one per running process. */
        public Builder node(String nodeId) {
            this.node = nodeId;
            return this;
        }

        /**
         * How long the store's leases last unless renewed; 30 seconds by default. Renewed every third of it, and an
         * attempt starts only while at least a third is left, so that it has that long to end before the endpoint
         * may pass to another node: keep it at least three times the longest endpoint timeout.
         */
        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = leaseDuration;
            return this;
        }

        /** How often the relay looks in the store for due deliveries; 250 ms by default. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /** How long delivered and dead deliveries stay in the store; 7 days by default, purged every hour. */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /**
         * How long the store has to hold an event's deliveries before the event is refused (the most
         * {@code dispatchAndAwait} waits), and
         * {@code close} for the store to take back what it releases; 5 seconds by default, at most a third of the
         * lease.
         */
        public Builder storeTimeout(Duration storeTimeout) {
            this.storeTimeout = storeTimeout;
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
