package dev.herald.store.jdbc;

import dev.herald.core.store.DeliveryStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Herald keeps its deliveries, and how a node shares them: nowhere but memory (the library's default, nothing
 * survives the process), an embedded SQLite file for one node, or PostgreSQL for several nodes on one outbox.
 *
 * @param kind which store
 * @param sqlite the SQLite store's settings, for {@link Kind#SQLITE}; null otherwise
 * @param postgres the PostgreSQL store's settings, for {@link Kind#POSTGRES}; null otherwise
 * @param node this node's id in the store's leases; null for a random id per process
 * @param leaseDuration how long a node's leases last unless renewed; a node that dies gives its work up after it
 * @param pollInterval how often a node looks for due deliveries (retries, a dead node's work)
 * @param retention how long delivered and dead deliveries are kept
 */
public record StoreSettings(Kind kind, SqliteStoreConfig sqlite, PostgresStoreConfig postgres, String node,
        Duration leaseDuration, Duration pollInterval, Duration retention) {

    /** The stores Herald knows. */
    public enum Kind {
        /** No store: deliveries live in memory only, as in the seed. */
        MEMORY,
        /** An embedded SQLite database in WAL mode, for one node. */
        SQLITE,
        /** PostgreSQL, shared by several nodes. */
        POSTGRES
    }

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    public StoreSettings {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.SQLITE && sqlite == null) {
            throw new IllegalArgumentException("store: type sqlite needs its settings");
        }
        if (kind == Kind.POSTGRES && postgres == null) {
            throw new IllegalArgumentException("store: type postgres needs its settings");
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
        return new StoreSettings(Kind.MEMORY, null, null, null, DEFAULT_LEASE, DEFAULT_POLL_INTERVAL,
                DEFAULT_RETENTION);
    }

    /** SQLite with these settings and the default leases, poll interval and retention. */
    public static StoreSettings sqlite(SqliteStoreConfig config) {
        return new StoreSettings(Kind.SQLITE, Objects.requireNonNull(config, "config"), null, null, DEFAULT_LEASE,
                DEFAULT_POLL_INTERVAL, DEFAULT_RETENTION);
    }

    /** PostgreSQL with these settings and the default leases, poll interval and retention. */
    public static StoreSettings postgres(PostgresStoreConfig config) {
        return new StoreSettings(Kind.POSTGRES, null, Objects.requireNonNull(config, "config"), null,
                DEFAULT_LEASE, DEFAULT_POLL_INTERVAL, DEFAULT_RETENTION);
    }

    /** The same settings with this node id. */
    public StoreSettings withNode(String node) {
        return new StoreSettings(kind, sqlite, postgres, node, leaseDuration, pollInterval, retention);
    }

    /** The same settings with these timings. */
    public StoreSettings withTimings(Duration leaseDuration, Duration pollInterval, Duration retention) {
        return new StoreSettings(kind, sqlite, postgres, node, leaseDuration, pollInterval, retention);
    }

    /**
     * Opens the store (creating or migrating its schema); empty for {@link Kind#MEMORY}. The caller closes it.
     *
     * @throws DeliveryStoreException when the database cannot be opened, named without its password
     */
    public Optional<DeliveryStore> open() {
        return switch (kind) {
            case MEMORY -> Optional.empty();
            case SQLITE -> Optional.of(SqliteDeliveryStore.open(sqlite));
            case POSTGRES -> Optional.of(PostgresDeliveryStore.open(postgres));
        };
    }

    /** Where the deliveries are kept, for logs and errors; never a password. */
    public String describe() {
        return switch (kind) {
            case MEMORY -> "memory (nothing survives the process)";
            case SQLITE -> "sqlite at " + sqlite.file();
            case POSTGRES -> "postgresql at " + postgres.safeUrl();
        };
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
