package dev.herald.core.dispatch.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One endpoint's lane: the deliveries ready for an attempt and the permits of the attempts in flight, so that a
 * slow or dead endpoint holds only its own places.
 *
 * <p>Invariant: the attempts in flight (permits handed out and not yet {@linkplain #release() released}) never
 * exceed the bound; and every delivery {@linkplain #offer offered} is eventually handed out exactly once, by
 * {@link #offer} itself or by {@link #next()}, or returned by {@link #takeQueued()}, provided that whoever offers
 * or releases calls {@link #next()} until it answers null afterwards.
 *
 * <p>Lock-free, and nothing is allocated beyond the queue's node: any thread may call any method, none waits.
 * Permits are taken before the queue is polled, so that a delivery is never taken out without a permit; a
 * permit taken for an empty queue is given back at once.
 */
public final class EndpointLane {
    private final ConcurrentLinkedQueue<Delivery> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    // ConcurrentLinkedQueue.size() walks the queue; a counter keeps the depth a gauge reads O(1).
    private final AtomicInteger queued = new AtomicInteger();
    private final int maxInFlight;

    /** A lane letting at most {@code maxInFlight} attempts be in flight at once. */
    public EndpointLane(int maxInFlight) {
        if (maxInFlight < 1) {
            // The settings check the configured bound, naming its key; this guards the lane's own invariant.
            throw new IllegalArgumentException("a lane needs room for at least one attempt, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    /**
     * Offers a delivery due for an attempt. True when nothing waited and a permit was free: the caller now holds
     * that permit and must start the delivery itself, without a trip through the queue. False when the delivery
     * was queued: the caller then calls {@link #next()} until it answers null, so that it is not left behind.
     */
    public boolean offer(Delivery d) {
        // Whoever queued since the look drains the queue itself, so skipping it loses nothing.
        if (ready.isEmpty()) {
            int current = inFlight.get();
            if (current < maxInFlight && inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
        queued.incrementAndGet();
        ready.add(d);
        return false;
    }

    /**
     * The next queued delivery the caller may start, with a permit taken for it; null, taking none, when the lane
     * is at its bound or nothing is queued. Never waits.
     */
    public Delivery next() {
        while (true) {
            int current = inFlight.get();
            if (current >= maxInFlight || ready.isEmpty()) {
                return null;
            }
            if (!inFlight.compareAndSet(current, current + 1)) {
                continue;
            }
            Delivery d = ready.poll();
            if (d != null) {
                queued.decrementAndGet();
                return d;
            }
            // Another thread took the last one between the look and the poll: give the permit back.
            inFlight.decrementAndGet();
        }
    }

    /**
     * Gives back the permit of an attempt that ended (or of a delivery handed out and not started); the caller then
     * calls {@link #next()} until it answers null.
     */
    public void release() {
        inFlight.decrementAndGet();
    }

    /** The attempts in flight now: permits handed out and not yet released. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The deliveries queued now for a place in flight; may lag a concurrent offer or take by one. */
    public int queued() {
        return Math.max(0, queued.get());
    }

    /** The most attempts in flight at once. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Takes every delivery still queued out of the lane, as the dispatcher closes; none of them is handed out. */
    public List<Delivery> takeQueued() {
        List<Delivery> out = new ArrayList<>();
        for (Delivery d = ready.poll(); d != null; d = ready.poll()) {
            queued.decrementAndGet();
            out.add(d);
        }
        return out;
    }
}
