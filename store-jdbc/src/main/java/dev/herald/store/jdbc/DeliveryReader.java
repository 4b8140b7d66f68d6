package dev.herald.store.jdbc;

import dev.herald.core.store.DeliveryAdmin;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.core.store.StoredState;
import dev.herald.store.jdbc.internal.ReadOnlyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A store opened to be looked at, never written: no schema is created or migrated, and the database refuses
 * writes, so that pointing it at the wrong file or database leaves that file or database exactly as it was. As a
 * {@link DeliveryAdmin} it lists and counts; it refuses to {@link #replay} or {@link #purge}, which need the store
 * opened for writing ({@link StoreSettings#open()}). One connection, not thread-safe beyond that: each call
 * blocks its caller until the database answers.
 */
public final class DeliveryReader implements DeliveryAdmin, AutoCloseable {
    private final ReadOnlyStore store;

    private DeliveryReader(ReadOnlyStore store) {
        this.store = store;
    }

    /**
     * Opens the store the settings name, read-only.
     *
     * @throws DeliveryStoreException when there is none there, or what is there is not a Herald store, said so
     * @throws IllegalArgumentException for {@value StoreSettings#MEMORY}, which has nothing to read, and for a
     *     kind other than Herald's JDBC ones, which this reader cannot open
     */
    public static DeliveryReader open(StoreSettings settings) {
        if (settings.is(StoreSettings.SQLITE)) {
            return new DeliveryReader(ReadOnlyStore.sqlite(settings.sqlite()));
        }
        if (settings.is(StoreSettings.POSTGRES)) {
            return new DeliveryReader(ReadOnlyStore.postgres(settings.postgres()));
        }
        throw new IllegalArgumentException(settings.is(StoreSettings.MEMORY)
                ? "a memory store keeps nothing to read"
                : "store type " + settings.kind() + ": only the " + StoreSettings.SQLITE + " and "
                        + StoreSettings.POSTGRES + " stores can be opened read-only here");
    }

    /** The deliveries the query asks for, newest first, each with its attempts. Blocks. */
    @Override
    public List<DeliveryRecord> list(DeliveryQuery query) {
        return store.list(query);
    }

    /** How many deliveries are in this state, all of them when {@code state} is null. Blocks. */
    @Override
    public long count(StoredState state) {
        return store.count(state);
    }

    /** @throws UnsupportedOperationException always: a reader never writes */
    @Override
    public int replay(Instant since, String endpointName, Instant now, Duration deadline) {
        throw readOnly("replay");
    }

    /** @throws UnsupportedOperationException always: a reader never writes */
    @Override
    public int purge(Instant before, Duration deadline) {
        throw readOnly("purge");
    }

    @Override
    public void close() {
        store.close();
    }

    private static UnsupportedOperationException readOnly(String what) {
        return new UnsupportedOperationException("cannot " + what + " through a DeliveryReader, which opens the"
                + " store read-only: open it for writing with StoreSettings.open()");
    }
}
