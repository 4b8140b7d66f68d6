package dev.herald.store.jdbc.internal;

import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.core.store.StoredState;
import dev.herald.store.jdbc.DeliveryStoreException;
import dev.herald.store.jdbc.PostgresStoreConfig;
import dev.herald.store.jdbc.SqliteStoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One read-only connection to a store, for the commands that only look: no migration, no writer, no pool, and a
 * database that refuses writes, so that looking at the wrong file or database never turns it into a Herald store.
 * SQLite opens the file read-only, and immutable when no write-ahead log exists (no Herald has it open), so that
 * it creates no {@code -wal} or {@code -shm} beside it either.
 */
public final class ReadOnlyStore implements AutoCloseable {
    private static final List<String> TABLES = List.of("deliveries", "attempts");

    private final Connection connection;
    private final DeliveryListing listing;

    private ReadOnlyStore(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.listing = new DeliveryListing(dialect, new EventJson());
    }

    /**
     * The SQLite store in the config's file, read-only.
     *
     * @throws DeliveryStoreException when there is no file, or it is empty, not SQLite, or not Herald's
     */
    public static ReadOnlyStore sqlite(SqliteStoreConfig config) {
        Path file = config.file().toAbsolutePath();
        try {
            if (!Files.isRegularFile(file)) {
                throw new DeliveryStoreException("there is no store at " + file, null);
            }
            if (Files.size(file) == 0) {
                throw new DeliveryStoreException(file + " is empty: not a Herald store", null);
            }
        } catch (IOException e) {
            throw new DeliveryStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        boolean inUse = Files.exists(Path.of(file + "-wal"));
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setReadOnly(true);
        sqlite.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        String url = "jdbc:sqlite:" + file.toUri().toString().replaceFirst("^file:///", "file:/")
                + (inUse ? "?mode=ro" : "?mode=ro&immutable=1");
        Connection c = null;
        try {
            c = sqlite.createConnection(url);
            requireTables(c, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)", null);
            return new ReadOnlyStore(c, Dialect.SQLITE);
        } catch (SQLException e) {
            closeQuietly(c);
            if (e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB) {
                throw new DeliveryStoreException(file + " is not a SQLite database, so not a Herald store", e);
            }
            throw new DeliveryStoreException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NotHeralds e) {
            closeQuietly(c);
            throw new DeliveryStoreException(file + " is a SQLite database without Herald's tables (deliveries,"
                    + " attempts): not a Herald store", null);
        }
    }

    /**
     * The PostgreSQL store, through a read-only session, without migrating anything.
     *
     * @throws DeliveryStoreException when it cannot be reached or its schema holds no Herald store
     */
    public static ReadOnlyStore postgres(PostgresStoreConfig config) {
        Properties props = new Properties();
        if (config.user() != null) {
            props.setProperty("user", config.user());
        }
        if (config.password() != null) {
            props.setProperty("password", config.password());
        }
        props.setProperty("readOnly", "true");
        props.setProperty("readOnlyMode", "always");
        props.setProperty("ApplicationName", "herald");
        Connection c = null;
        try {
            c = DriverManager.getConnection(config.jdbcUrl(), props);
            c.setReadOnly(true);
            requireTables(c, "SELECT count(*) FROM information_schema.tables WHERE table_schema = ?"
                    + " AND table_name IN (?, ?)", config.schema());
            c.setSchema(config.schema());
            return new ReadOnlyStore(c, Dialect.POSTGRESQL);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new DeliveryStoreException("cannot read " + config.safeUrl() + ": " + e.getMessage(), e);
        } catch (NotHeralds e) {
            closeQuietly(c);
            throw new DeliveryStoreException("schema " + config.schema() + " at " + config.safeUrl()
                    + " has none of Herald's tables (deliveries, attempts): not a Herald store", null);
        }
    }

    /** The deliveries the query asks for, as {@code list} gives them. */
    public List<DeliveryRecord> list(DeliveryQuery query) {
        Objects.requireNonNull(query, "query");
        try {
            return listing.list(connection, query);
        } catch (SQLException e) {
            throw Op.couldNot("list deliveries", e);
        }
    }

    /** How many deliveries are in this state, all of them for null, as {@code count} gives it. */
    public long count(StoredState state) {
        try {
            return listing.count(connection, state);
        } catch (SQLException e) {
            throw Op.couldNot("count deliveries", e);
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void requireTables(Connection c, String sql, String schema) throws SQLException, NotHeralds {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (schema != null) {
                ps.setString(i++, schema);
            }
            for (String table : TABLES) {
                ps.setString(i++, table);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != TABLES.size()) {
                    throw new NotHeralds();
                }
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // Read-only: nothing to lose by closing badly.
        }
    }

    /** The database is readable but holds no Herald store. */
    private static final class NotHeralds extends Exception {
        private static final long serialVersionUID = 1L;

        NotHeralds() {
            super(null, null, false, false);
        }
    }
}
