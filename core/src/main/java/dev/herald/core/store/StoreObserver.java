package dev.herald.core.store;

/**
 * Sees the delivery stores this process opens, for metrics: whoever opens a store by its kind asks each observer
 * for a {@link StoreObservation} before the store exists, hands it to the store, which reports its writes to it,
 * then tells it the store is open. The default observes nothing; {@link #NONE} observes nothing and costs nothing.
 *
 * <p>An exception an observer throws is logged and otherwise ignored: observing never changes a write.
 */
public interface StoreObserver {
    /** Observes nothing. */
    StoreObserver NONE = new StoreObserver() {};

    /**
     * A store of this kind ({@code sqlite}, {@code postgres}, or the name of a kind an application registered) is
     * about to be opened; what this returns hears its writes. Runs on the thread that opens the store.
     */
    default StoreObservation storeOpening(String kind) {
        return StoreObservation.NONE;
    }
}
