package dev.herald.core.dispatch;

import dev.herald.core.event.Event;

/**
 * Hears every attempt and final outcome: logs, metrics, dead letters, tests. Called on the dispatcher's threads,
 * so it must be quick and must not block; an exception it throws is logged and otherwise ignored.
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
