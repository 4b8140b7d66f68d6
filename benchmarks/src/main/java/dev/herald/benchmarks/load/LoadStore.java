package dev.herald.benchmarks.load;

import dev.herald.store.jdbc.PostgresStoreConfig;
import dev.herald.store.jdbc.SqliteStoreConfig;
import dev.herald.store.jdbc.StoreSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Where a load run keeps its deliveries: nowhere (memory, the default), a SQLite file, or PostgreSQL, either a
 * server the caller names or one the driver starts itself. Every run starts on an empty store (a fresh temporary
 * folder, a fresh schema), so that nothing a former run left pending is relayed into this run's counts; closing
 * removes what the run created.
 */
public final class LoadStore implements AutoCloseable {
    /** The node id of the driver's Herald in the store's leases. */
    static final String NODE = "load";

    /** The stores {@code --store} names. */
    public enum Kind {
        MEMORY, SQLITE, POSTGRES;

        /** The name on the command line. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Reads {@code memory}, {@code sqlite} or {@code postgres}, in any case.
         *
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Kind parse(String text) {
            for (Kind k : values()) {
                if (k.cliName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("expected memory, sqlite or postgres, got '" + text + "'");
        }
    }

    private final StoreSettings settings;
    private final String description;
    private final AutoCloseable cleanup;

    private LoadStore(StoreSettings settings, String description, AutoCloseable cleanup) {
        this.settings = settings;
        this.description = description;
        this.cleanup = cleanup;
    }

    /** No store: the in-memory path. */
    public static LoadStore memory() {
        return new LoadStore(StoreSettings.memory(), "memory", () -> { });
    }

    /**
     * SQLite with full durability, in a fresh folder inside {@code parent} (the system's temporary folder when
     * null), deleted on close.
     */
    public static LoadStore sqlite(Path parent) {
        Path directory;
        try {
            directory = parent == null ? Files.createTempDirectory("herald-load-")
                    : Files.createTempDirectory(Files.createDirectories(parent), "herald-load-");
        } catch (IOException e) {
            throw new UncheckedIOException("--store-path: cannot create a folder in " + parent + ": " + e.getMessage(),
                    e);
        }
        SqliteStoreConfig config = SqliteStoreConfig.in(directory);
        return new LoadStore(StoreSettings.sqlite(config).withNode(NODE), "sqlite at " + config.file(),
                () -> deleteTree(directory));
    }

    /**
     * PostgreSQL at {@code jdbcUrl}, in a schema of this run's own, dropped on close; or, when {@code jdbcUrl} is
     * null, a PostgreSQL server started here from the binaries on the class path, with PostgreSQL's default
     * {@code synchronous_commit=on}, stopped on close.
     */
    public static LoadStore postgres(String jdbcUrl, String user, String password) {
        String schema = "herald_load_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        if (jdbcUrl != null) {
            PostgresStoreConfig config = PostgresStoreConfig.of(jdbcUrl, user, password).withSchema(schema);
            return new LoadStore(StoreSettings.postgres(config).withNode(NODE),
                    "postgresql at " + config.safeUrl() + " schema " + schema, () -> dropSchema(config));
        }
        EmbeddedPostgres server;
        try {
            // The library turns synchronous_commit off for speed in tests; a measurement of durable deliveries
            // wants every commit flushed, as a production server does by default.
            server = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
        } catch (IOException e) {
            throw new UncheckedIOException("--store postgres: could not start an embedded PostgreSQL (give"
                    + " --store-url to use a running server): " + e.getMessage(), e);
        }
        PostgresStoreConfig config = PostgresStoreConfig.of(server.getJdbcUrl("postgres", "postgres"), "postgres",
                null).withSchema(schema);
        return new LoadStore(StoreSettings.postgres(config).withNode(NODE),
                "embedded postgresql on port " + server.getPort(), server::close);
    }

    /** What Herald's config names as its store. */
    public StoreSettings settings() {
        return settings;
    }

    /** Where deliveries are kept, for the driver's first line; never a password. */
    public String describe() {
        return description;
    }

    /** Whether deliveries go to a store: then every event waits for its append before it is sent. */
    public boolean durable() {
        return !settings.is(StoreSettings.MEMORY);
    }

    @Override
    public void close() {
        try {
            cleanup.close();
        } catch (Exception e) {
            System.err.println("LoadDriver: could not clean up the store (" + description + "): " + e);
        }
    }

    private static void dropSchema(PostgresStoreConfig config) throws SQLException {
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement s = c.createStatement()) {
            // The name is ours, made of [a-z0-9_] only (PostgresStoreConfig checks it).
            s.execute("DROP SCHEMA IF EXISTS " + config.schema() + " CASCADE");
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
