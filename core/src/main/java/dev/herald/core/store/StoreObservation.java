package dev.herald.core.store;

import java.time.Duration;

/**
 * One store under observation, from {@link StoreObserver#storeOpening}. A store that groups its writes into shared
 * transactions (a group commit) reports each transaction and each write it held; one that does not reports nothing.
 * No method may block: the write methods run on the store's writer thread, between a commit and the completion of
 * the stages waiting for it.
 */
public interface StoreObservation {
    /** Hears nothing. */
    StoreObservation NONE = new StoreObservation() {};

    /**
     * The store is open and may be read from now on ({@link DeliveryAdmin#count}, say, for a gauge): never from
     * inside one of the other methods, and never after it is closed. Runs on the thread that opened it.
     */
    default void opened(DeliveryAdmin store) {}

    /**
     * A write was committed, {@code sinceCalled} after its caller handed it to the store: what the caller waited
     * for (an event's append to become durable, an attempt's record). Runs on the store's writer thread, once per
     * write, after {@link #transactionCommitted} for its transaction.
     */
    default void writeCommitted(Duration sinceCalled) {}

    /**
     * A transaction holding {@code writes} writes (callers' calls, each of one or more rows) was committed; applying
     * them and committing took {@code duration}. Runs on the store's writer thread.
     */
    default void transactionCommitted(int writes, Duration duration) {}
}
