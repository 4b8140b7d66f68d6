package dev.herald.core.dispatch;

/**
 * Counters of a dispatcher since it started.
 *
 * @param eventsAccepted events taken (with at least one delivery)
 * @param eventsRejected events refused because the dispatcher was full or closed, or the delivery store failed
 * @param deliveriesDelivered deliveries that ended {@code DELIVERED}
 * @param deliveriesFailed deliveries that ended in any other way
 * @param attempts attempts made
 * @param retries attempts after a delivery's first
 * @param outstanding deliveries not yet ended: queued, in flight or waiting for a retry (with a delivery store, a
 *     retry waits in the store and is not counted here)
 * @param inFlight attempts sent and not yet answered
 */
public record DispatcherStats(long eventsAccepted, long eventsRejected, long deliveriesDelivered,
        long deliveriesFailed, long attempts, long retries, long outstanding, long inFlight) {}
