package dev.herald.core.dispatch;

import dev.herald.core.event.Event;

/**
 * Sees the dispatcher's work as it happens, for metrics and traces. Every method has a default that does nothing,
 * so that an observer implements what it needs; {@link #NONE} observes nothing and costs nothing (the dispatcher
 * builds no {@link AttemptStart} for it).
 *
 * <p>An exception an observer throws is logged and otherwise ignored: observing never changes a delivery. No
 * method may block: each runs inside the work it observes, on the thread named in its documentation.
 */
public interface DispatchObserver {
    /** Observes nothing. */
    DispatchObserver NONE = new DispatchObserver() {};

    /**
     * An event was taken with {@code deliveries} deliveries, before any of them is sent. Runs on the caller's
     * thread, inside {@code dispatch}. What it returns (a span, say; null for nothing) is handed back in the
     * {@link AttemptStart#eventContext()} of the attempts of these deliveries made by this process; an attempt of a
     * delivery adopted from a store (a retry after a restart, another node's work) gets null.
     *
     * <p>With a store the event may still be refused afterwards, when the store does not hold it in time; that
     * refusal reaches {@link dev.herald.core.dispatch.DeliveryListener#onRejected}.
     */
    default Object eventAccepted(Event event, int deliveries) {
        return null;
    }

    /** An event no active endpoint wanted; nothing of it is sent. Runs on the caller's thread, inside dispatch. */
    default void eventUnmatched(Event event) {}

    /**
     * An attempt is about to be handed to the transport, signed, its deadline running. Runs on Herald's executor,
     * never on an event loop. It may add headers to the request through {@link AttemptStart#header}. The
     * observation it returns hears the attempt's end, once.
     */
    default AttemptObservation attemptStarted(AttemptStart start) {
        return AttemptObservation.NONE;
    }

    /**
     * An event was refused: the dispatcher was full or closed, or the store did not hold it in time; its
     * {@link DispatchResult#status()} says which. Runs on the caller's thread for a refusal that {@code dispatch}
     * returns, on Herald's executor for one the store decides later.
     */
    default void eventRejected(Event event, DispatchResult result) {}

    /**
     * A delivery ended, once, however it ended ({@link DeliveryEnd#status()}). Runs on Herald's executor, or on
     * the thread that closes the dispatcher for what the close calls off. A delivery that a store keeps for a later
     * attempt or another node has not ended.
     */
    default void deliveryEnded(DeliveryEnd end) {}

    /** An endpoint answered 410 and was disabled. Runs on Herald's executor. */
    default void endpointDisabled(String endpointName) {}

    /**
     * With a store: this node took or renewed the leases of {@code held} endpoints (of {@code wanted}). Runs on
     * Herald's executor, every third of the lease.
     */
    default void leasesRenewed(int held, int wanted) {}

    /** With a store: this node lost the lease of an endpoint to another node, or to the store's clock. */
    default void leaseLost(String endpointName) {}

    /**
     * With a store: the relay leased {@code count} due deliveries (retries, another node's leftovers) and took
     * {@code kept} of them into memory. Runs on Herald's executor, every poll that finds some.
     */
    default void dueDeliveriesLeased(int count, int kept) {}
}
