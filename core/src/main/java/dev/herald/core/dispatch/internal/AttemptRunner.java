package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.core.dispatch.AttemptStart;
import dev.herald.core.dispatch.AttemptObservation;
import dev.herald.core.dispatch.AttemptEnd;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.HeaderRules;
import dev.herald.core.event.Event;
import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.signing.SigningInput;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.StoredState;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.core.template.TemplateRenderer;
import dev.herald.core.time.Scheduler;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.Transport;
import dev.herald.core.transport.TransportResponse;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;

/**
 * Runs admitted deliveries through their attempts: renders each distinct template once, queues each delivery in
 * its endpoint's {@link EndpointLane}, and, as the lane lets it, signs it, sends it through the {@link Transport}
 * and acts on the answer: the delivery ends, or is retried as its endpoint's policy says.
 *
 * <p>Only the exchange runs on the transport's threads: the answer hops to Herald's executor before it is
 * classified, recorded or published.
 */
public final class AttemptRunner {
    private final Transport transport;
    private final TemplateRenderer renderer;
    private final Scheduler scheduler;
    private final Executor executor;
    private final RandomGenerator random;
    private final DispatchCounters counters;
    private final ListenerFanout listeners;
    private final Room room;
    private final Custody custody;
    private final Endings endings;
    private final DispatchObserver observer;

    public AttemptRunner(Transport transport, TemplateRenderer renderer, Scheduler scheduler, Executor executor,
            RandomGenerator random, DispatchCounters counters, ListenerFanout listeners, Room room, Custody custody,
            Endings endings, DispatchObserver observer) {
        this.observer = observer;
        this.transport = transport;
        this.renderer = renderer;
        this.scheduler = scheduler;
        this.executor = executor;
        this.random = random;
        this.counters = counters;
        this.listeners = listeners;
        this.room = room;
        this.custody = custody;
        this.endings = endings;
    }

    /** Renders each distinct template once, then queues the deliveries for sending. */
    public void prepare(Delivery[] deliveries) {
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
                endings.failUnsent(d, DeliveryStatus.FAILED_TO_PREPARE,
                        "template '" + key + "' failed: " + Failures.describe(e));
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

    /**
     * Runs follow-up work on Herald's executor rather than on the thread that completed a future (a Netty event
     * loop, the transport's deadline thread, the timer, the store's writer), so that listeners, store writes and
     * the next signing never stall those. Once the executor refuses work (the dispatcher has closed) it runs here,
     * since dropping it would leave a delivery's place in flight taken forever.
     */
    public void onHeraldExecutor(Runnable work) {
        try {
            executor.execute(work);
        } catch (RejectedExecutionException e) {
            work.run();
        }
    }

    /** Hands a rendered delivery to its endpoint's lane, starting it at once when the lane has room. */
    private void submit(Delivery d) {
        EndpointLane lane = d.endpoint().lane();
        if (lane.offer(d)) {
            if (!start(d)) {
                // It gave its place back unsent; whatever queued behind it meanwhile must not wait for an answer
                // that will never come.
                drain(lane);
            }
            return;
        }
        drain(lane);
    }

    /**
     * Starts the lane's queued attempts while it has room in flight. Any thread may call it; none waits in it.
     * Whoever frees a place or queues a delivery calls it afterwards, so no delivery is left behind.
     */
    private void drain(EndpointLane lane) {
        for (Delivery d = lane.next(); d != null; d = lane.next()) {
            start(d);
        }
    }

    /**
     * Signs and sends one attempt; the caller holds a place in flight for it. False when it ended the delivery
     * (or gave it back) instead, freeing the place at once.
     */
    private boolean start(Delivery d) {
        EndpointRuntime ep = d.endpoint();
        if (d.ended() || ep.gone()) {
            ep.lane().release();
            endings.failUnsent(d, DeliveryStatus.GONE, "the endpoint was disabled after answering 410");
            return false;
        }
        Instant startedAt = scheduler.now();
        if (!custody.canSend(ep, startedAt)) {
            ep.lane().release();
            if (endings.leave(d)) {
                custody.handBack(d);
            }
            return false;
        }
        int attempt = d.nextAttempt();
        counters.attemptMade(attempt);
        Endpoint endpoint = ep.endpoint();
        // Room for the id and the signer's headers too, so that adding them never rehashes.
        Map<String, String> headers = new LinkedHashMap<>((endpoint.headers().size() + 5) * 4 / 3 + 1);
        headers.putAll(endpoint.headers());
        try {
            // A stored delivery's id comes from the store, so it is checked where it enters a header.
            HeaderRules.requireValidValue(d.id(), HeaderRules.DELIVERY_ID);
        } catch (IllegalArgumentException e) {
            ep.lane().release();
            endings.failUnsent(d, DeliveryStatus.FAILED_TO_PREPARE, e.getMessage());
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
            ep.lane().release();
            // The signer's message may quote its settings; name the failure's type only.
            endings.failUnsent(d, DeliveryStatus.FAILED_TO_PREPARE,
                    "signing failed: " + e.getClass().getSimpleName());
            return false;
        }
        AttemptObservation observation = AttemptObservation.NONE;
        if (observer != DispatchObserver.NONE) {
            // After signing, so that what an observer adds (a trace context) is sent but never signed over.
            observation = observer.attemptStarted(new AttemptStart(d.event(), d.eventContext(), id, endpoint,
                    attempt, headers));
        }
        long t0 = System.nanoTime();
        // The deadline starts with the attempt: what the transport waits for before sending counts against it.
        OutboundRequest request = new OutboundRequest(endpoint.name(), endpoint.url(),
                Collections.unmodifiableMap(headers), d.body(), endpoint.timeout(),
                OutboundRequest.deadlineFrom(t0, endpoint.timeout()), d.id(), attempt);
        custody.attemptSent(d, startedAt, t0);
        Attempt sent = new Attempt(this, d, attempt, startedAt, t0, observation);
        CompletionStage<TransportResponse> answer;
        try {
            answer = transport.send(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete(sent);
        return true;
    }

    /** An attempt's answer, on Herald's executor: frees its place, acts on it, and starts what waited. */
    void answered(Attempt a) {
        EndpointLane lane = a.delivery.endpoint().lane();
        lane.release();
        try {
            onAnswer(a);
        } finally {
            drain(lane);
        }
    }

    /** How the delivery ends with this attempt, as the switch in {@link #onAnswer} ends it; null when it goes on. */
    private static DeliveryStatus finalStatus(Attempt a) {
        return switch (a.outcome) {
            case SUCCESS -> DeliveryStatus.DELIVERED;
            case GONE -> DeliveryStatus.GONE;
            case FINAL -> DeliveryStatus.REJECTED;
            case RETRYABLE -> a.retryDelay == null ? DeliveryStatus.EXHAUSTED : null;
        };
    }

    /** A retry's time came: it leaves the backlog's waiting count (unless its end took it off first) and goes on. */
    private void retryDue(Delivery d) {
        if (d.clearWaitingForRetry()) {
            counters.retryNoLongerWaiting();
        }
        submit(d);
    }

    private void onAnswer(Attempt a) {
        Delivery d = a.delivery;
        boolean recordedHere = custody.takeAnswered(d);
        // With a store a retry waits there, for any node, so closing this one does not call it off.
        a.classify(d.endpoint().endpoint().retryPolicy(), !room.isClosed() || custody.keepsRetries(), random);
        d.recordAnswer(a.status, a.errorText);
        if (a.observation != AttemptObservation.NONE) {
            ObserverFanout.ended(a.observation, new AttemptEnd(a.status, a.errorType, a.duration(), a.outcome,
                    a.retryDelay, finalStatus(a)), d.id(), d.endpoint().endpoint().name(), d.event().type().name());
        }
        AttemptRecord record = null;
        if (!listeners.isEmpty() || custody.recordsAttempts()) {
            record = new AttemptRecord(d.id(), d.event().id(), d.endpoint().endpoint().name(), a.number,
                    a.startedAt, a.duration(), a.status, a.errorText, a.outcome, a.responseText(),
                    a.retryDelay == null ? null : scheduler.now().plus(a.retryDelay));
            if (!listeners.isEmpty()) {
                listeners.onAttempt(record);
            }
        }
        if (recordedHere) {
            // Announced before the room is freed: a close that finds nothing outstanding then waits for this
            // record before it reads back what is pending.
            custody.writeComing();
        }
        switch (a.outcome) {
            case SUCCESS -> endings.finish(d, DeliveryStatus.DELIVERED, null);
            case GONE -> {
                if (d.endpoint().markGone()) {
                    if (observer != DispatchObserver.NONE) {
                        observer.endpointDisabled(d.endpoint().endpoint().name());
                    }
                    listeners.onEndpointDisabled(d.endpoint().endpoint().name());
                }
                endings.finish(d, DeliveryStatus.GONE, "the endpoint answered 410 Gone and was disabled");
            }
            case FINAL -> endings.finish(d, DeliveryStatus.REJECTED, a.errorText != null ? a.errorText
                    : "the endpoint answered " + a.status + ", which retrying cannot change");
            case RETRYABLE -> {
                if (a.retryDelay == null) {
                    endings.finish(d, DeliveryStatus.EXHAUSTED, a.errorText != null ? a.errorText
                            : "the endpoint answered " + a.status + " on the last allowed attempt");
                } else if (custody.keepsRetries()) {
                    endings.leave(d);
                } else {
                    d.markWaitingForRetry();
                    counters.retryWaiting();
                    d.pendingRetry(scheduler.schedule(a.retryDelay, () -> onHeraldExecutor(() -> retryDue(d))));
                    if (d.ended()) {
                        d.cancelRetry();
                    }
                }
            }
        }
        if (recordedHere) {
            custody.recordAttempt(d, record, a.outcome == OutcomeClass.SUCCESS ? StoredState.DELIVERED
                    : a.retryDelay != null ? StoredState.PENDING : StoredState.DEAD);
        }
    }
}
