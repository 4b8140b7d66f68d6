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
}
