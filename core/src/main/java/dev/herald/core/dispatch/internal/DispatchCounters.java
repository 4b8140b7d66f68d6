package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.DispatcherStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * A dispatcher's counters since it started, the source of its {@link DispatcherStats}: adders, so that the hot
 * path counts without contending; read only when someone asks for the stats.
 */
public final class DispatchCounters {
    private final LongAdder eventsAccepted = new LongAdder();
    private final LongAdder eventsRejected = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder waitingForRetry = new LongAdder();

    /** An event taken, with at least one delivery. */
    public void eventAccepted() {
        eventsAccepted.increment();
    }

    /** An event refused: full, closed, or not confirmed by the store. */
    public void eventRejected() {
        eventsRejected.increment();
    }

    /** An attempt made; {@code number} is its delivery's attempt number, so that a retry counts as one too. */
    public void attemptMade(int number) {
        attempts.increment();
        if (number > 1) {
            retries.increment();
        }
    }

    /** A delivery began waiting in memory for a retry's time. */
    public void retryWaiting() {
        waitingForRetry.increment();
    }

    /** A delivery stopped waiting in memory for a retry: its time came, or it ended first. */
    public void retryNoLongerWaiting() {
        waitingForRetry.decrement();
    }

    /** The deliveries waiting in memory for a retry's time. */
    public long waitingForRetry() {
        return Math.max(0, waitingForRetry.sum());
    }

    /** A delivery that ended, delivered or not. */
    public void deliveryEnded(boolean wasDelivered) {
        (wasDelivered ? delivered : failed).increment();
    }

    /** The counters now, with the dispatcher's outstanding deliveries and attempts in flight, read by the caller. */
    public DispatcherStats snapshot(long outstanding, long inFlight) {
        return new DispatcherStats(eventsAccepted.sum(), eventsRejected.sum(), delivered.sum(), failed.sum(),
                attempts.sum(), retries.sum(), outstanding, inFlight);
    }
}
