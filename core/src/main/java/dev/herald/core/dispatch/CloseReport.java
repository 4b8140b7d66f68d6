package dev.herald.core.dispatch;

import java.util.List;

/**
 * What {@link Dispatcher#close(java.time.Duration)} could and could not finish.
 *
 * @param drained whether every delivery ended before the deadline
 * @param undelivered the deliveries that had not ended, each reported {@link DeliveryStatus#CANCELLED}; an
 *     attempt in flight at the deadline may still have reached its receiver. With a delivery store, these are the
 *     deliveries this node held in memory, each released to the store for another node or the next start;
 *     deliveries waiting in the store for a later attempt are not this node's and are not listed
 */
public record CloseReport(boolean drained, List<DeliveryOutcome> undelivered) {
    public CloseReport {
        undelivered = List.copyOf(undelivered);
    }
}
