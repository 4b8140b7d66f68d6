package dev.herald.core.store;

import dev.herald.core.dispatch.DeliveryStatus;

/** Where a stored delivery stands. */
public enum StoredState {
    /** Waiting for its next attempt, or being sent. */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Ended without being delivered (rejected, gone, exhausted, failed to prepare): a dead letter, replayable. */
    DEAD;

    /** The stored state of a final outcome; {@code CANCELLED} (closed before delivery) stays pending. */
    public static StoredState of(DeliveryStatus status) {
        return switch (status) {
            case DELIVERED -> DELIVERED;
            case CANCELLED -> PENDING;
            default -> DEAD;
        };
    }
}
