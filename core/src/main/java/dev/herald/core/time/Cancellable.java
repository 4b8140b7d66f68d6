package dev.herald.core.time;

/** Scheduled work that can be called off. */
@FunctionalInterface
public interface Cancellable {
    /** Calls the work off if it has not started; true when it will not run. */
    boolean cancel();
}
