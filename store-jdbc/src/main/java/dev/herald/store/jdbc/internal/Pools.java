package dev.herald.store.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.herald.store.jdbc.DeliveryStoreException;
import dev.herald.store.jdbc.PostgresStoreConfig;
import dev.herald.store.jdbc.SqliteStoreConfig;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The connection pools: a few SQLite connections (one writes, the others read), or a PostgreSQL pool. */
final class Pools {
    /** The writer and readers of {@code list}; SQLite takes one writer at a time anyway. */
    private static final int SQLITE_CONNECTIONS = 4;
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private Pools() {}

    static HikariDataSource sqlite(SqliteStoreConfig config) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(config.durability() == SqliteStoreConfig.Durability.FULL
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(BUSY_TIMEOUT_MS);
        sqlite.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(sqlite);
        ds.setUrl("jdbc:sqlite:" + config.file().toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("herald-sqlite");
        hikari.setDataSource(ds);
        hikari.setMaximumPoolSize(SQLITE_CONNECTIONS);
        return start(hikari, config.file().toAbsolutePath().toString());
    }

    static HikariDataSource postgres(PostgresStoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("herald-postgresql");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setSchema(config.schema());
        // Several rows of one insert become one multi-row statement: a group commit costs one round trip.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", "herald");
        return start(hikari, config.safeUrl());
    }

    private static HikariDataSource start(HikariConfig hikari, String where) {
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new DeliveryStoreException("the delivery store could not open " + where + ": "
                    + cause.getMessage(), cause);
        }
    }
}
