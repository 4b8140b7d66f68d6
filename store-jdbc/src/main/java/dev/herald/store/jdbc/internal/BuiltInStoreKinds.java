package dev.herald.store.jdbc.internal;

import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.StoreObservation;
import dev.herald.store.jdbc.PostgresDeliveryStore;
import dev.herald.store.jdbc.PostgresStoreConfig;
import dev.herald.store.jdbc.SqliteDeliveryStore;
import dev.herald.store.jdbc.SqliteStoreConfig;
import dev.herald.store.jdbc.StoreKind;
import dev.herald.store.jdbc.StoreSettings;
import java.util.Map;
import java.util.Optional;

/** Herald's own store kinds: memory (no store), SQLite and PostgreSQL. */
public final class BuiltInStoreKinds {
    // One instance each, so that two modules registering the same kind bind the same thing, which Guice allows.
    private static final StoreKind MEMORY = new Memory();
    private static final StoreKind SQLITE = new Sqlite();
    private static final StoreKind POSTGRES = new Postgres();

    private BuiltInStoreKinds() {}

    /** All three, by name. */
    public static Map<String, StoreKind> all() {
        return Map.of(StoreSettings.MEMORY, memory(), StoreSettings.SQLITE, sqlite(),
                StoreSettings.POSTGRES, postgres());
    }

    /** No store: the dispatcher keeps its deliveries in memory, and nothing survives the process. */
    public static StoreKind memory() {
        return MEMORY;
    }

    private static final class Memory implements StoreKind {
        @Override
        public Optional<DeliveryStore> open(StoreSettings settings) {
            return Optional.empty();
        }

        @Override
        public String describe(StoreSettings settings) {
            return "memory (nothing survives the process)";
        }
    }

    /** The embedded SQLite store; its settings are a {@link SqliteStoreConfig}. */
    public static StoreKind sqlite() {
        return SQLITE;
    }

    private static final class Sqlite implements StoreKind {
        @Override
        public Optional<DeliveryStore> open(StoreSettings settings) {
            return open(settings, StoreObservation.NONE);
        }

        @Override
        public Optional<DeliveryStore> open(StoreSettings settings, StoreObservation observation) {
            return Optional.of(SqliteDeliveryStore.open(settings.config(SqliteStoreConfig.class), observation));
        }

        @Override
        public String describe(StoreSettings settings) {
            return "sqlite at " + settings.config(SqliteStoreConfig.class).file();
        }
    }

    /** The shared PostgreSQL store; its settings are a {@link PostgresStoreConfig}. */
    public static StoreKind postgres() {
        return POSTGRES;
    }

    private static final class Postgres implements StoreKind {
        @Override
        public Optional<DeliveryStore> open(StoreSettings settings) {
            return open(settings, StoreObservation.NONE);
        }

        @Override
        public Optional<DeliveryStore> open(StoreSettings settings, StoreObservation observation) {
            return Optional.of(PostgresDeliveryStore.open(settings.config(PostgresStoreConfig.class), observation));
        }

        @Override
        public String describe(StoreSettings settings) {
            return "postgresql at " + settings.config(PostgresStoreConfig.class).safeUrl();
        }
    }
}
