package dev.herald.store.jdbc;

import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.StoreObservation;
import java.util.Optional;

/**
 * One kind of delivery store, registered by name ({@link StoreSettings#kind()}, the config's {@code store.type}):
 * it opens the store that settings of its kind describe. Herald registers {@code memory} ({@link StoreKindsModule})
 * and {@code sqlite} and {@code postgres} ({@link JdbcStoreModule}); a user adds a kind from any module:
 *
 * <pre>{@code
 * StoreKindsModule.storeKinds(binder()).addBinding("my_db").toInstance(new MyStoreKind());
 * }</pre>
 *
 * <p>A kind reads its own settings from {@link StoreSettings#config(Class)}, of the type it documents.
 */
public interface StoreKind {

    /**
     * Opens the store the settings describe, creating or migrating what it needs; the caller closes it. Empty for
     * a kind that keeps deliveries in the dispatcher's memory only, as {@code memory} does.
     *
     * @throws RuntimeException a kind-specific one when the store cannot be opened, naming where without a secret
     */
    Optional<DeliveryStore> open(StoreSettings settings);

    /**
     * As {@link #open(StoreSettings)}, the store reporting its writes to the observation ({@link StoreKinds} tells
     * it once the store is {@linkplain StoreObservation#opened open}). By default the observation hears nothing of
     * the writes; a kind whose store groups writes into shared transactions overrides this to report them.
     */
    default Optional<DeliveryStore> open(StoreSettings settings, StoreObservation observation) {
        return open(settings);
    }

    /** Where the settings keep deliveries, for logs and errors; never a password. */
    String describe(StoreSettings settings);
}
