package dev.herald.core.dispatch;

import dev.herald.core.event.Event;
import dev.herald.core.store.AttemptRecord;

/**
 * Hears every attempt and final outcome: logs, metrics, dead letters, tests. An exception it throws is logged and
 * otherwise ignored.
 *
 * <p>Called on Herald's executor (the dispatcher's {@link Dispatcher.Builder#executor executor}), never on a
 * transport's event loop nor on the timer or deadline thread; only a refusal that {@link Dispatcher#dispatch}
 * returns reaches {@link #onRejected} on the caller's thread, before it returns. A listener that blocks (a
 * dead-letter table in a database) slows only Herald's executor, and with it the deliveries waiting for it; give
 * the dispatcher an executor sized for it, or hand the work on. Callbacks of different deliveries may run at once
 * on several threads; a delivery's own are called one after the other.
 */
public interface DeliveryListener {
    /** After every attempt. */
    default void onAttempt(AttemptRecord attempt) {}

    /** Once per delivery, when it ends. */
    default void onOutcome(DeliveryOutcome outcome) {}

    /** When an event is refused: the dispatcher was full or closed, or the delivery store failed. */
    default void onRejected(Event event, DispatchResult result) {}

    /** When an endpoint answered 410 and was disabled. */
    default void onEndpointDisabled(String endpointName) {}
}
