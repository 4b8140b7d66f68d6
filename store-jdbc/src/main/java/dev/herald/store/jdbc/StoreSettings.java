package dev.herald.store.jdbc;

import dev.herald.core.dispatch.DispatcherSettings;
import dev.herald.core.store.DeliveryStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Herald keeps its deliveries, and how a node shares them: a store kind by name ({@link StoreKind}), with that
 * kind's own settings, and the leases and timings every store shares. Herald's kinds are {@value #MEMORY} (the
 * library's default: nothing survives the process), {@value #SQLITE} (an embedded file, for one node) and
 * {@value #POSTGRES} (several nodes on one outbox); a module adds others ({@link StoreKindsModule#storeKinds}).
 *
 * @param kind the store kind's name, as registered
 * @param config that kind's own settings, of the type it documents ({@link SqliteStoreConfig},
 *     {@link PostgresStoreConfig}); null for a kind that takes none, as {@value #MEMORY}
 * @param node this node's id in the store's leases; null for a random id per process
 * @param leaseDuration how long a node's leases last unless renewed; a node that dies gives its work up after it
 * @param pollInterval how often a node looks for due deliveries (retries, a dead node's work)
 * @param retention how long delivered and dead deliveries are kept
 */
public record StoreSettings(String kind, Object config, String node, Duration leaseDuration, Duration pollInterval,
        Duration retention) {

    /** No store: deliveries live in memory only, as in the seed. */
    public static final String MEMORY = "memory";
    /** An embedded SQLite database in WAL mode, for one node; settings: {@link SqliteStoreConfig}. */
    public static final String SQLITE = "sqlite";
    /** PostgreSQL, shared by several nodes; settings: {@link PostgresStoreConfig}. */
    public static final String POSTGRES = "postgres";

    // The dispatcher's defaults, so that a store section left out and a dispatcher built alone agree.
    /** The default lease: {@link DispatcherSettings#DEFAULT_LEASE_DURATION}. */
    public static final Duration DEFAULT_LEASE = DispatcherSettings.DEFAULT_LEASE_DURATION;
    /** The default poll interval: {@link DispatcherSettings#DEFAULT_POLL_INTERVAL}. */
    public static final Duration DEFAULT_POLL_INTERVAL = DispatcherSettings.DEFAULT_POLL_INTERVAL;
    /** The default retention: {@link DispatcherSettings#DEFAULT_RETENTION}. */
    public static final Duration DEFAULT_RETENTION = DispatcherSettings.DEFAULT_RETENTION;

    public StoreSettings {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("store.type: must not be blank");
        }
        // Herald's own kinds are checked here, so that settings of theirs are whole before anything opens them.
        if (kind.equals(SQLITE) && !(config instanceof SqliteStoreConfig)) {
            throw new IllegalArgumentException("store: type sqlite needs its settings (a SqliteStoreConfig)");
        }
        if (kind.equals(POSTGRES) && !(config instanceof PostgresStoreConfig)) {
            throw new IllegalArgumentException("store: type postgres needs its settings (a PostgresStoreConfig)");
        }
        if (kind.equals(MEMORY) && config != null) {
            throw new IllegalArgumentException("store: type memory takes no settings");
        }
        requirePositive(leaseDuration, "store.lease");
        requirePositive(pollInterval, "store.poll_interval");
        requirePositive(retention, "store.retention");
        if (node != null && node.isBlank()) {
            throw new IllegalArgumentException("store.node: must not be blank");
        }
    }

    /** No store: the library's default. */
    public static StoreSettings memory() {
        return of(MEMORY, null);
    }

    /** SQLite with these settings and the default leases, poll interval and retention. */
    public static StoreSettings sqlite(SqliteStoreConfig config) {
        return of(SQLITE, Objects.requireNonNull(config, "config"));
    }

    /** PostgreSQL with these settings and the default leases, poll interval and retention. */
    public static StoreSettings postgres(PostgresStoreConfig config) {
        return of(POSTGRES, Objects.requireNonNull(config, "config"));
    }

    /** A store of the kind registered under {@code kind}, with its settings and the default timings. */
    public static StoreSettings of(String kind, Object config) {
        return new StoreSettings(kind, config, null, DEFAULT_LEASE, DEFAULT_POLL_INTERVAL, DEFAULT_RETENTION);
    }

    /** Whether these are settings of the kind of that name. */
    public boolean is(String kindName) {
        return kind.equals(kindName);
    }

    /**
     * The kind's own settings, as the type it documents.
     *
     * @throws IllegalStateException when there are none, or they are of another type, naming the kind
     */
    public <T> T config(Class<T> type) {
        if (!type.isInstance(config)) {
            throw new IllegalStateException("store type " + kind + " has " + (config == null ? "no settings"
                    : "settings of type " + config.getClass().getSimpleName()) + ", not " + type.getSimpleName());
        }
        return type.cast(config);
    }

    /** The SQLite store's settings. @throws IllegalStateException for another kind */
    public SqliteStoreConfig sqlite() {
        return config(SqliteStoreConfig.class);
    }

    /** The PostgreSQL store's settings. @throws IllegalStateException for another kind */
    public PostgresStoreConfig postgres() {
        return config(PostgresStoreConfig.class);
    }

    /** The same settings with this node id. */
    public StoreSettings withNode(String node) {
        return new StoreSettings(kind, config, node, leaseDuration, pollInterval, retention);
    }

    /** The same settings with these timings. */
    public StoreSettings withTimings(Duration leaseDuration, Duration pollInterval, Duration retention) {
        return new StoreSettings(kind, config, node, leaseDuration, pollInterval, retention);
    }

    /**
     * Opens the store with Herald's own kinds ({@link StoreKinds#builtIn()}); empty for {@value #MEMORY}. The caller
     * closes it. Where an injector holds the registered kinds, open through its {@link StoreKinds} instead.
     *
     * @throws DeliveryStoreException when the database cannot be opened, named without its password
     * @throws IllegalArgumentException for a kind Herald does not know, naming it and the known kinds
     */
    public Optional<DeliveryStore> open() {
        return StoreKinds.builtIn().open(this);
    }

    /** Where the deliveries are kept, for logs and errors; never a password. */
    public String describe() {
        StoreKinds builtIn = StoreKinds.builtIn();
        return builtIn.knows(kind) ? builtIn.describe(this) : kind;
    }

    @Override
    public String toString() {
        return "StoreSettings[" + describe() + ", node=" + node + ", lease=" + leaseDuration + ", poll="
                + pollInterval + ", retention=" + retention + "]";
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be more than 0, got " + d);
        }
    }
}
