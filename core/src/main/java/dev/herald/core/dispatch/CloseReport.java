package dev.herald.core.dispatch;

import java.util.List;

/**
 * What {@link Dispatcher#close(java.time.Duration)} could and could not finish.
 *
 * @param drained whether every delivery ended before the deadline
 * @param undelivered the deliveries that had not ended, each reported {@link DeliveryStatus#CANCELLED}; an
 *     attempt in flight at the deadline may still have reached its receiver
 */
public record CloseReport(boolean drained, List<DeliveryOutcome> undelivered) {
    public CloseReport {
        undelivered = List.copyOf(undelivered);
    }
}
