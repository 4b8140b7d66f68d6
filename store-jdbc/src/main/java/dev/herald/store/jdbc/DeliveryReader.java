package dev.herald.store.jdbc;

import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.store.jdbc.internal.ReadOnlyStore;
import java.util.List;

/**
 * A store opened to be looked at, never written: no schema is created or migrated, and the database refuses
 * writes, so that pointing it at the wrong file or database leaves that file or database exactly as it was.
 */
public final class DeliveryReader implements AutoCloseable {
    private final ReadOnlyStore store;

    private DeliveryReader(ReadOnlyStore store) {
        this.store = store;
    }

    /**
     * Opens the store the settings name, read-only.
     *
     * @throws DeliveryStoreException when there is none there, or what is there is not a Herald store, said so
     * @throws IllegalArgumentException for {@link StoreSettings.Kind#MEMORY}, which has nothing to read
     */
    public static DeliveryReader open(StoreSettings settings) {
        return switch (settings.kind()) {
            case MEMORY -> throw new IllegalArgumentException("a memory store keeps nothing to read");
            case SQLITE -> new DeliveryReader(ReadOnlyStore.sqlite(settings.sqlite()));
            case POSTGRES -> new DeliveryReader(ReadOnlyStore.postgres(settings.postgres()));
        };
    }

    /** The deliveries the query asks for, newest first, each with its attempts. */
    public List<DeliveryRecord> list(DeliveryQuery query) {
        return store.list(query);
    }

    @Override
    public void close() {
        store.close();
    }
}
