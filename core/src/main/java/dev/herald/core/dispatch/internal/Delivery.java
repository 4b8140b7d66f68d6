package dev.herald.core.dispatch.internal;

import dev.herald.core.event.Event;
import dev.herald.core.time.Cancellable;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One event on its way to one endpoint. Its id and body never change across attempts, so that receivers can
 * de-duplicate; the rest is the state of its attempts.
 */
public final class Delivery {
    // A field updater rather than an AtomicBoolean: a million queued deliveries should not carry a million extra
    // objects.
    private static final AtomicIntegerFieldUpdater<Delivery> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(Delivery.class, "ended");
    private static final AtomicIntegerFieldUpdater<Delivery> WAITING =
            AtomicIntegerFieldUpdater.newUpdater(Delivery.class, "waitingForRetry");

    private final String id;
    private final Event event;
    private final EndpointRuntime endpoint;
    private volatile int ended;
    // 1 while a retry's timer runs in memory; whoever clears it (the timer, or the end) counts it off the backlog.
    private volatile int waitingForRetry;
    // When the event was accepted, in epoch milliseconds: here, or as the store recorded it for an adopted delivery.
    private final long acceptedAtMillis;
    // Links of the live list, guarded by its stripe's lock (see LiveDeliveries).
    Delivery prev;
    Delivery next;
    int stripe;
    boolean linked;
    private byte[] body;
    private int attempts;
    private int lastStatus;
    private String lastError;
    private volatile Cancellable pendingRetry;
    // The attempt sent and not yet answered, with a store only: whoever takes it (its answer, or a close that
    // will not wait for it) records it, once.
    private Instant attemptInFlightSince;
    private long attemptInFlightNanos;
    // What the observers made of the event when it was taken; written before the delivery is published.
    private Object eventContext;

    /** A delivery of an event accepted at {@code acceptedAtMillis} (epoch milliseconds). */
    public Delivery(String id, Event event, EndpointRuntime endpoint, long acceptedAtMillis) {
        this.id = id;
        this.event = event;
        this.endpoint = endpoint;
        this.acceptedAtMillis = acceptedAtMillis;
    }

    /** A delivery taken from the store, with the attempts made before, on whichever node. */
    public Delivery(String id, Event event, EndpointRuntime endpoint, int attemptsSoFar, long acceptedAtMillis) {
        this(id, event, endpoint, acceptedAtMillis);
        this.attempts = attemptsSoFar;
    }

    /** When its event was accepted, in epoch milliseconds. */
    public long acceptedAtMillis() {
        return acceptedAtMillis;
    }

    /** Marks it as waiting in memory for a retry's time. */
    public void markWaitingForRetry() {
        waitingForRetry = 1;
    }

    /** Clears the mark; true for the one caller that cleared it, who counts it off. */
    public boolean clearWaitingForRetry() {
        return WAITING.compareAndSet(this, 1, 0);
    }

    /** What {@code DispatchObserver.eventAccepted} returned for the event; null for none or an adopted delivery. */
    public Object eventContext() {
        return eventContext;
    }

    public void eventContext(Object context) {
        this.eventContext = context;
    }

    public String id() {
        return id;
    }

    public Event event() {
        return event;
    }

    public EndpointRuntime endpoint() {
        return endpoint;
    }

    public byte[] body() {
        return body;
    }

    public void body(byte[] body) {
        this.body = body;
    }

    public synchronized int attempts() {
        return attempts;
    }

    /** Counts a new attempt and returns its number. */
    public synchronized int nextAttempt() {
        return ++attempts;
    }

    /** Marks the attempt just counted as sent, started at {@code startedAt} ({@code startNanos} by nanoTime). */
    public synchronized void attemptSent(Instant startedAt, long startNanos) {
        this.attemptInFlightSince = startedAt;
        this.attemptInFlightNanos = startNanos;
    }

    /** When the attempt in flight started, by nanoTime; meaningful only before it is taken. */
    public synchronized long attemptInFlightNanos() {
        return attemptInFlightNanos;
    }

    /**
     * Takes the attempt in flight, so that its record is written once: its start, or null when none is in flight
     * or it was taken already.
     */
    public synchronized Instant takeAttemptInFlight() {
        Instant since = attemptInFlightSince;
        attemptInFlightSince = null;
        return since;
    }

    public synchronized void recordAnswer(int status, String error) {
        this.lastStatus = status;
        this.lastError = error;
    }

    public synchronized int lastStatus() {
        return lastStatus;
    }

    public synchronized String lastError() {
        return lastError;
    }

    public void pendingRetry(Cancellable retry) {
        this.pendingRetry = retry;
    }

    /** Calls off a scheduled retry, if any. */
    public void cancelRetry() {
        Cancellable c = pendingRetry;
        if (c != null) {
            c.cancel();
        }
    }

    /** Ends the delivery; true only for the first caller, so that an outcome is published once. */
    public boolean end() {
        return ENDED.compareAndSet(this, 0, 1);
    }

    public boolean ended() {
        return ended != 0;
    }
}
