package dev.herald.gateway.config.internal;

import dev.herald.store.jdbc.PostgresStoreConfig;
import dev.herald.store.jdbc.SqliteStoreConfig;
import dev.herald.store.jdbc.StoreSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the block's {@code store} map: where deliveries are kept ({@code type} memory, sqlite or postgres), that
 * store's own keys, and the leases and timings every store shares. The password is a secret: the loader masks it
 * in the entry it hands on and in every message, as it does the signing secrets.
 */
final class StoreReader {
    static final String KEY = "store";
    private static final List<String> SQLITE_KEYS = KnownKeys.STORE_SQLITE;
    private static final List<String> POSTGRES_KEYS = KnownKeys.STORE_POSTGRES;
    /** The kinds this reader has keys for; a kind another module registers is configured in code. */
    private static final List<String> TYPES = List.of(StoreSettings.MEMORY, StoreSettings.SQLITE,
            StoreSettings.POSTGRES);
    /** A year: long enough for any audit trail, short enough that a typo of a few digits is caught. */
    private static final long MAX_RETENTION_SECONDS = 366L * 86_400;

    private StoreReader() {}

    /** Whether the block names a store at all; without one the library keeps deliveries in memory. */
    static boolean isConfigured(Fields block) {
        return block.has(KEY);
    }

    /** The store's settings; memory when the block has none; null when anything is wrong (all of it recorded). */
    static StoreSettings read(Fields block) {
        if (!isConfigured(block)) {
            return StoreSettings.memory();
        }
        Problems problems = block.problems();
        Fields f = Fields.of(block.raw(KEY), block.path(KEY), problems).orElse(null);
        if (f == null) {
            return null;
        }
        int before = problems.count();
        f.rejectUnknown(KnownKeys.STORE);
        String kind = kind(f);
        if (kind != null) {
            rejectOtherTypesKeys(f, kind);
        }
        String node = f.string("node", null);
        if (node != null && node.isBlank()) {
            problems.add(f.path("node"), "must not be blank");
        }
        Duration lease = f.seconds("lease", StoreSettings.DEFAULT_LEASE, false);
        Duration poll = f.seconds("poll_interval", StoreSettings.DEFAULT_POLL_INTERVAL, false);
        Duration retention = f.seconds("retention", StoreSettings.DEFAULT_RETENTION, false, MAX_RETENTION_SECONDS);
        if (f.has("lease") && f.has("poll_interval") && poll.compareTo(lease) >= 0) {
            problems.add(f.path("poll_interval"), "must be shorter than lease (" + plain(lease)
                    + " s), or a node's leases run out between two polls");
        }
        StoreSettings settings;
        if (StoreSettings.SQLITE.equals(kind)) {
            settings = sqlite(f).map(StoreSettings::sqlite).orElse(null);
        } else if (StoreSettings.POSTGRES.equals(kind)) {
            settings = postgres(f).map(StoreSettings::postgres).orElse(null);
        } else {
            settings = StoreSettings.memory();
        }
        if (settings == null || problems.count() != before) {
            return null;
        }
        return settings.withNode(node).withTimings(lease, poll, retention);
    }

    private static String kind(Fields f) {
        String type = f.requiredString("type", "one of " + String.join(", ", TYPES));
        if (type == null) {
            return null;
        }
        if (!TYPES.contains(type)) {
            f.problems().add(f.path("type"), "must be one of " + String.join(", ", TYPES) + ", got "
                    + f.describe(f.path("type"), type) + Suggestions.hint(type, TYPES));
            return null;
        }
        return type;
    }

    private static void rejectOtherTypesKeys(Fields f, String kind) {
        for (String key : f.keys()) {
            boolean sqliteKey = SQLITE_KEYS.contains(key);
            boolean postgresKey = POSTGRES_KEYS.contains(key);
            if (sqliteKey && !kind.equals(StoreSettings.SQLITE) || postgresKey && !kind.equals(StoreSettings.POSTGRES)) {
                f.problems().add(f.path(key), "only for type " + (sqliteKey ? "sqlite" : "postgres") + ", not "
                        + kind);
            }
        }
    }

    private static Optional<SqliteStoreConfig> sqlite(Fields f) {
        String dir = f.string("path", SqliteStoreConfig.DEFAULT_DIRECTORY.toString());
        Path directory;
        try {
            directory = Path.of(dir);
        } catch (InvalidPathException e) {
            f.problems().add(f.path("path"), "not a path, got " + f.describe(f.path("path"), dir));
            return Optional.empty();
        }
        if (dir.isBlank()) {
            f.problems().add(f.path("path"), "must not be empty (a directory; the default is "
                    + SqliteStoreConfig.DEFAULT_DIRECTORY + ")");
            return Optional.empty();
        }
        String durability = f.string("durability", "full");
        if (!durability.equals("full") && !durability.equals("normal")) {
            f.problems().add(f.path("durability"), "must be full or normal, got "
                    + f.describe(f.path("durability"), durability));
            return Optional.empty();
        }
        return Optional.of(SqliteStoreConfig.in(directory)
                .withDurability(SqliteStoreConfig.Durability.valueOf(durability.toUpperCase(Locale.ROOT))));
    }

    private static Optional<PostgresStoreConfig> postgres(Fields f) {
        int before = f.problems().count();
        String url = f.requiredString("url", "jdbc:postgresql://host:5432/database");
        String user = f.string("user", null);
        String password = f.string("password", null);
        String schema = f.string("schema", PostgresStoreConfig.DEFAULT_SCHEMA);
        int poolSize = f.integer("pool_size", PostgresStoreConfig.DEFAULT_POOL_SIZE, 2, 1000);
        if (f.problems().count() != before) {
            return Optional.empty();
        }
        try {
            // The config's own checks name the key (url, schema) and never quote a password.
            return Optional.of(PostgresStoreConfig.of(url, user, password).withSchema(schema)
                    .withPoolSize(poolSize));
        } catch (IllegalArgumentException e) {
            f.problems().addRelative(f.path(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String plain(Duration d) {
        return java.math.BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString();
    }
}
