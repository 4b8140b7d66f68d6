package dev.herald.core.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and the timer of the dispatcher: retries are scheduled here, attempts are stamped from here.
 */
public interface Scheduler extends AutoCloseable {
    /** The current time. */
    Instant now();

    /** Runs the task once after the delay. The task must not block. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Releases the scheduler's threads, if it owns any. */
    @Override
    default void close() {}
}
