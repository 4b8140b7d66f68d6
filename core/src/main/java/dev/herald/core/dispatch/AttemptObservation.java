package dev.herald.core.dispatch;

/** One attempt under observation, from {@link DispatchObserver#attemptStarted}: it hears the attempt's end once. */
public interface AttemptObservation {
    /** Hears nothing. */
    AttemptObservation NONE = end -> {};

    /**
     * The attempt has ended and its answer is classified. Runs on Herald's executor, after the answer hopped there
     * from the transport's thread, and before the delivery's listeners hear of it.
     */
    void ended(AttemptEnd end);
}
