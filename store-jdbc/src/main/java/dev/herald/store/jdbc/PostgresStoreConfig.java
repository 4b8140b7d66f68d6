package dev.herald.store.jdbc;

import dev.herald.core.endpoint.UrlMasking;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the PostgreSQL database that several Herald nodes share. Herald keeps its tables in a schema of its
 * own, created at start-up when missing, so that it shares a database with other applications safely.
 *
 * @param jdbcUrl the database, {@code jdbc:postgresql://host:5432/name}
 * @param user the user, or null to take it from the URL
 * @param password the password, or null; never shown by {@link #toString()}
 * @param schema the schema of Herald's tables, {@value #DEFAULT_SCHEMA} by default
 * @param poolSize the most connections this node opens
 * @param groupCommit how writes are grouped
 * @param clock what stamps the time a delivery ended, which {@code purge} compares
 */
public record PostgresStoreConfig(String jdbcUrl, String user, String password, String schema, int poolSize,
        GroupCommit groupCommit, Clock clock) {
    public static final String DEFAULT_SCHEMA = "herald";
    public static final int DEFAULT_POOL_SIZE = 8;
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresStoreConfig {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url: must start with jdbc:postgresql:, got "
                    + (jdbcUrl == null ? "nothing" : '"' + UrlMasking.database(jdbcUrl) + '"'));
        }
        if (schema == null || !SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema: must match [a-z_][a-z0-9_]* (at most 63 characters), got "
                    + (schema == null ? "nothing" : '"' + schema + '"'));
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("pool_size: must be at least 2 (the writer and one reader), got "
                    + poolSize);
        }
        Objects.requireNonNull(groupCommit, "groupCommit");
        Objects.requireNonNull(clock, "clock");
    }

    /** The database at {@code jdbcUrl}, with the default schema, pool size and group commit, the system clock. */
    public static PostgresStoreConfig of(String jdbcUrl, String user, String password) {
        return new PostgresStoreConfig(jdbcUrl, user, password, DEFAULT_SCHEMA, DEFAULT_POOL_SIZE,
                GroupCommit.DEFAULT, Clock.systemUTC());
    }

    public PostgresStoreConfig withSchema(String schema) {
        return new PostgresStoreConfig(jdbcUrl, user, password, schema, poolSize, groupCommit, clock);
    }

    public PostgresStoreConfig withPoolSize(int poolSize) {
        return new PostgresStoreConfig(jdbcUrl, user, password, schema, poolSize, groupCommit, clock);
    }

    public PostgresStoreConfig withGroupCommit(GroupCommit groupCommit) {
        return new PostgresStoreConfig(jdbcUrl, user, password, schema, poolSize, groupCommit, clock);
    }

    public PostgresStoreConfig withClock(Clock clock) {
        return new PostgresStoreConfig(jdbcUrl, user, password, schema, poolSize, groupCommit, clock);
    }

    /**
     * The URL without its parameters and user information, which may hold a password: what messages, logs and the
     * config handed to the gateway may show.
     */
    public String safeUrl() {
        return UrlMasking.database(jdbcUrl);
    }

    @Override
    public String toString() {
        return "PostgresStoreConfig[url=" + safeUrl() + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + ", schema=" + schema + ", poolSize=" + poolSize
                + ", groupCommit=" + groupCommit + "]";
    }
}
