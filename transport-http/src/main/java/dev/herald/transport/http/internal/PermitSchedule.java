package dev.herald.transport.http.internal;

import dev.herald.transport.http.RateLimit;

/**
 * A rate limit's slots: {@code permits} per {@code period}, in fixed periods counted from the schedule's creation,
 * each request taking the earliest slot still free. A request asks for a slot by its deadline, and one that would
 * only get a slot after it takes none, so a request that gives up leaves the slot to the next.
 *
 * <p>Not thread-safe: its gate calls it under its own lock.
 */
final class PermitSchedule {
    private final int permits;
    private final long periodNanos;
    private final long originNanos;
    private long cycle;
    private int takenInCycle;

    PermitSchedule(RateLimit limit, long nowNanos) {
        this.permits = limit.permits();
        this.periodNanos = limit.period().toNanos();
        this.originNanos = nowNanos;
    }

    /**
     * Takes the earliest free slot if it starts before the deadline.
     *
     * @return how long to wait for the slot, 0 for now, or -1 when it would start at or after the deadline (then
     *     nothing is taken)
     */
    long reserve(long nowNanos, long deadlineNanos) {
        long current = (nowNanos - originNanos) / periodNanos;
        long c = cycle;
        int taken = takenInCycle;
        if (c < current) {
            c = current;
            taken = 0;
        }
        if (taken >= permits) {
            c++;
            taken = 0;
        }
        long wait = Math.max(0, originNanos + c * periodNanos - nowNanos);
        if (wait > 0 && deadlineNanos - (nowNanos + wait) <= 0) {
            return -1;
        }
        cycle = c;
        takenInCycle = taken + 1;
        return wait;
    }
}
