package dev.herald.store.jdbc;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Where and how the embedded store keeps its database: the file {@value #FILE_NAME} in {@code directory}, in
 * SQLite's write-ahead-log mode.
 *
 * @param directory the folder of the database file, created when missing; {@code ./.herald} by default
 * @param durability when a commit is on disk
 * @param groupCommit how writes are grouped
 * @param clock what stamps the time a delivery ended, which {@code purge} compares
 */
public record SqliteStoreConfig(Path directory, Durability durability, GroupCommit groupCommit, Clock clock) {
    public static final Path DEFAULT_DIRECTORY = Path.of(".herald");
    public static final String FILE_NAME = "herald.db";

    /** When a commit is on disk, SQLite's {@code synchronous} setting in WAL mode. */
    public enum Durability {
        /**
         * Every group commit waits for the log to be flushed to the disk ({@code synchronous=FULL}): what an append
         * reported durable survives the process being killed, the system crashing and a power cut. The default: a
         * group commit pays one flush for many deliveries.
         */
        FULL,
        /**
         * A commit is written to the log but not flushed ({@code synchronous=NORMAL}): it survives the process being
         * killed ({@code kill -9}) since the operating system still holds the write, but a system crash or a power
         * cut may lose the last commits. The database itself is never corrupted.
         */
        NORMAL
    }

    public SqliteStoreConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(groupCommit, "groupCommit");
        Objects.requireNonNull(clock, "clock");
    }

    /** {@code ./.herald}, full durability, the default group commit, the system clock. */
    public static SqliteStoreConfig defaults() {
        return in(DEFAULT_DIRECTORY);
    }

    /** The defaults, with the database in {@code directory}. */
    public static SqliteStoreConfig in(Path directory) {
        return new SqliteStoreConfig(directory, Durability.FULL, GroupCommit.DEFAULT, Clock.systemUTC());
    }

    public SqliteStoreConfig withDurability(Durability durability) {
        return new SqliteStoreConfig(directory, durability, groupCommit, clock);
    }

    public SqliteStoreConfig withGroupCommit(GroupCommit groupCommit) {
        return new SqliteStoreConfig(directory, durability, groupCommit, clock);
    }

    public SqliteStoreConfig withClock(Clock clock) {
        return new SqliteStoreConfig(directory, durability, groupCommit, clock);
    }

    /** The database file. */
    public Path file() {
        return directory.resolve(FILE_NAME);
    }
}
