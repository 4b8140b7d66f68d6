package dev.herald.core.dispatch;

import java.util.List;

/**
 * What {@link Dispatcher#close(java.time.Duration)} could and could not finish.
 *
 * @param drained whether every delivery ended before the deadline
 * @param undelivered the deliveries that had not ended, each reported {@link DeliveryStatus#CANCELLED}; an
 *     attempt in flight at the deadline may still have reached its receiver. With a delivery store, these are the
 *     deliveries this node held in memory, each released to the store for another node or the next start
 * @param store with a delivery store, what is pending there after the close: these and every delivery waiting
 *     for a later attempt, as the store lists them; null without a store
 */
public record CloseReport(boolean drained, List<DeliveryOutcome> undelivered, PendingInStore store) {
    public CloseReport {
        undelivered = List.copyOf(undelivered);
    }

    /** The report of a dispatcher without a store. */
    public CloseReport(boolean drained, List<DeliveryOutcome> undelivered) {
        this(drained, undelivered, null);
    }
}
