package dev.herald.store.jdbc;

import dev.herald.core.store.StoreObservation;
import dev.herald.store.jdbc.internal.StoreEngine;

/**
 * The embedded store, for one Herald node: a SQLite file in write-ahead-log mode (see {@link SqliteStoreConfig}).
 * Every write, blocking ones included, goes through the one writer thread, since SQLite takes one writer at a
 * time; {@code list} reads beside it. Leases work as the port says, so that a second process on the same file
 * still never sends a delivery twice at once.
 */
public final class SqliteDeliveryStore extends JdbcDeliveryStore {

    private SqliteDeliveryStore(StoreEngine engine) {
        super(engine);
    }

    /** Opens the database the config names, creating its directory, file and tables, or migrating them. */
    public static SqliteDeliveryStore open(SqliteStoreConfig config) {
        return open(config, StoreObservation.NONE);
    }

    /**
     * As {@link #open(SqliteStoreConfig)}, telling the observation of every transaction its writer commits and of
     * each write in it. The caller tells the observation once the store is {@linkplain StoreObservation#opened open}.
     */
    public static SqliteDeliveryStore open(SqliteStoreConfig config, StoreObservation observation) {
        return new SqliteDeliveryStore(StoreEngine.sqlite(config, observation));
    }
}
