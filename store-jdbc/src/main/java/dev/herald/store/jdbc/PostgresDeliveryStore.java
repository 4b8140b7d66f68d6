package dev.herald.store.jdbc;

import dev.herald.core.store.StoreObservation;
import dev.herald.store.jdbc.internal.StoreEngine;

/**
 * The shared store, for several Herald nodes on one PostgreSQL database (see {@link PostgresStoreConfig}). Nodes
 * take endpoints by lease and lease due deliveries with {@code FOR UPDATE SKIP LOCKED}, so that no two nodes send
 * one delivery, or to one endpoint, at once. Node clocks must agree to well within a lease's length: every lease
 * is judged by the {@code now} its caller passes.
 */
public final class PostgresDeliveryStore extends JdbcDeliveryStore {

    private PostgresDeliveryStore(StoreEngine engine) {
        super(engine);
    }

    /** Connects to the database the config names, creating or migrating Herald's schema. */
    public static PostgresDeliveryStore open(PostgresStoreConfig config) {
        return open(config, StoreObservation.NONE);
    }

    /**
     * As {@link #open(PostgresStoreConfig)}, telling the observation of every transaction its writer commits and of
     * each write in it. The caller tells the observation once the store is {@linkplain StoreObservation#opened open}.
     */
    public static PostgresDeliveryStore open(PostgresStoreConfig config, StoreObservation observation) {
        return new PostgresDeliveryStore(StoreEngine.postgres(config, observation));
    }
}
