package dev.herald.core.dispatch;

import dev.herald.core.dispatch.internal.Delivery;
import dev.herald.core.dispatch.internal.EndpointRuntime;
import dev.herald.core.dispatch.internal.ListenerFanout;
import dev.herald.core.dispatch.internal.LiveDeliveries;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventIds;
import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.signing.SignerFactory;
import dev.herald.core.signing.SigningInput;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.core.template.TemplateRenderer;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;

/**
 * Turns events into deliveries: for each enabled endpoint whose filter accepts an event, render the body (once per
 * distinct template), sign it, send it, and retry it as the endpoint's policy says.
 *
 * <p>{@link #dispatch(Event)} returns at once and never blocks: it only filters and reserves room, and the work
 * runs on the dispatcher's executor. The room is bounded: at most {@code capacity} deliveries are outstanding
 * (queued, in flight, or waiting for a retry), and an event that does not fit is refused at once, counted and
 * reported, never queued without bound. At most {@code maxInFlightPerEndpoint} attempts are in flight to one
 * endpoint at a time; the rest wait in that endpoint's queue, so an endpoint that is slow, dead or held by its
 * circuit breaker never takes the places of the others.
 *
 * <p>A delivery's id and body stay the same across its attempts, so receivers can de-duplicate; the signature is
 * made anew for each attempt, since it covers the attempt's time.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final int ERROR_BODY_CHARS = 512;

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

    private final AtomicInteger outstanding = new AtomicInteger();
    private final LiveDeliveries live = new LiveDeliveries();
    private final Object drainSignal = new Object();
    private volatile boolean closed;

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
        this.capacity = b.capacity;
        this.maxInFlightPerEndpoint = b.maxInFlightPerEndpoint;
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
    }

    /** Starts a dispatcher. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Hands an event over. Returns at once: accepted with the delivery ids, no endpoint wants it, or refused
     * because the dispatcher is full or closed. Never blocks and never throws for a well-formed event.
     */
    public DispatchResult dispatch(Event event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            return reject(event, DispatchResult.closed());
        }
        List<EndpointRuntime> matched = null;
        for (EndpointRuntime ep : endpoints) {
            if (ep.active() && ep.endpoint().filter().accepts(event)) {
                if (matched == null) {
                    matched = new ArrayList<>(Math.min(endpoints.size(), 8));
                }
                matched.add(ep);
            }
        }
        if (matched == null) {
            return DispatchResult.noMatch();
        }
        int n = matched.size();
        while (true) {
            int current = outstanding.get();
            if (current + n > capacity) {
                return reject(event, DispatchResult.full());
            }
            if (outstanding.compareAndSet(current, current + n)) {
                break;
            }
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
     * Stops taking events and waits up to the deadline for every outstanding delivery to end. What has not ended
     * by then is called off and reported: nothing is dropped silently.
     */
    public CloseReport close(Duration deadline) {
        closed = true;
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
        for (Delivery d : live.snapshot()) {
            DeliveryOutcome o = finish(d, DeliveryStatus.CANCELLED, "not delivered before the dispatcher closed");
            if (o != null) {
                undelivered.add(o);
            }
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
        return new CloseReport(drained, undelivered);
    }

    private DispatchResult reject(Event event, DispatchResult result) {
        eventsRejected.increment();
        listeners.onRejected(event, result);
        return result;
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
                finish(d, DeliveryStatus.FAILED_TO_PREPARE, "template '" + key + "' failed: " + describe(e));
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
     * Sends one attempt; the caller has taken a place in flight for it. False when it ended the delivery instead,
     * freeing the place at once.
     */
    private boolean attempt(Delivery d) {
        EndpointRuntime ep = d.endpoint();
        if (d.ended() || ep.gone()) {
            ep.inFlight().decrementAndGet();
            finish(d, DeliveryStatus.GONE, "the endpoint was disabled after answering 410");
            return false;
        }
        int attempt = d.nextAttempt();
        attempts.increment();
        if (attempt > 1) {
            retries.increment();
        }
        Endpoint endpoint = ep.endpoint();
        Instant startedAt = scheduler.now();
        // Room for the signer's headers too, so that adding them never rehashes.
        Map<String, String> headers = new LinkedHashMap<>((endpoint.headers().size() + 4) * 4 / 3 + 1);
        headers.putAll(endpoint.headers());
        try {
            ep.signer().sign(new SigningInput(d.body(), d.id(), startedAt), headers::put);
        } catch (RuntimeException e) {
            ep.inFlight().decrementAndGet();
            // The signer's message may quote its settings; name the failure's type only.
            finish(d, DeliveryStatus.FAILED_TO_PREPARE, "signing failed: " + e.getClass().getSimpleName());
            return false;
        }
        OutboundRequest request = new OutboundRequest(endpoint.name(), endpoint.url(),
                Collections.unmodifiableMap(headers), d.body(), endpoint.timeout(), d.id(), attempt);
        long t0 = System.nanoTime();
        CompletableFuture<TransportResponse> answer;
        try {
            answer = transport.send(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> {
            ep.inFlight().decrementAndGet();
            try {
                onAnswer(d, attempt, startedAt, System.nanoTime() - t0, response, error);
            } finally {
                drain(ep);
            }
        });
        return true;
    }

    private void onAnswer(Delivery d, int attempt, Instant startedAt, long nanos, TransportResponse response,
            Throwable error) {
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
        if (outcome == OutcomeClass.RETRYABLE && policy.canRetryAfter(attempt) && !closed) {
            delay = policy.delayBeforeRetry(attempt - 1, retryAfter, random);
        }
        if (!listeners.isEmpty()) {
            listeners.onAttempt(new AttemptRecord(d.id(), d.event().id(), d.endpoint().endpoint().name(), attempt,
                    startedAt, Duration.ofNanos(nanos), status, errorText, outcome, responseText(response),
                    delay == null ? null : scheduler.now().plus(delay)));
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
                } else {
                    d.pendingRetry(scheduler.schedule(delay, () -> submit(d)));
                    if (d.ended()) {
                        d.cancelRetry();
                    }
                }
            }
        }
    }

    /** Ends a delivery once: counts it, frees its room and publishes its outcome; null when it had ended. */
    private DeliveryOutcome finish(Delivery d, DeliveryStatus status, String error) {
        if (!d.end()) {
            return null;
        }
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
        if (outstanding.decrementAndGet() == 0 && closed) {
            synchronized (drainSignal) {
                drainSignal.notifyAll();
            }
        }
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

        /** Where rendering and signing run; by default a pool of one thread per core, closed with the dispatcher. */
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

        public Dispatcher build() {
            return new Dispatcher(this);
        }
    }
}
