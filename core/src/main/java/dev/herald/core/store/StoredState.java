package dev.herald.core.store;

/** Where a stored delivery stands. */
public enum StoredState {
    /** Waiting for its next attempt, or being sent. */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Ended without being delivered (rejected, gone, exhausted, failed to prepare): a dead letter, replayable. */
    DEAD
}
