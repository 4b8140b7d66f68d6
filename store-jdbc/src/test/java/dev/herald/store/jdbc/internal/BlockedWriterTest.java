package dev.herald.store.jdbc.internal;

import static dev.herald.store.testkit.StoreFixtures.T0;
import static dev.herald.store.testkit.StoreFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.StoredState;
import dev.herald.store.jdbc.DeliveryStoreException;
import dev.herald.store.jdbc.GroupCommit;
import dev.herald.store.jdbc.SqliteStoreConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A writer whose commit cannot proceed, because another connection holds the database's write lock: closing the
 * store, and an operator's replay, each give up by their deadline instead of waiting for the lock.
 */
class BlockedWriterTest {
    @TempDir
    Path directory;

    private Connection holder;

    /** Takes the database's write lock from another connection, as another process writing would. */
    private void lock(Path file) throws Exception {
        holder = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = holder.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
        }
    }

    private void unlock() throws Exception {
        if (holder != null) {
            try (Statement st = holder.createStatement()) {
                st.execute("ROLLBACK");
            }
            holder.close();
            holder = null;
        }
    }

    @AfterEach
    void release() throws Exception {
        unlock();
    }

    @Test
    void closeReturnsByItsDeadlineAndFailsTheWritesItCouldNotCommit() throws Exception {
        Path file = directory.resolve("blocked.db");
        SQLiteConfig config = new SQLiteConfig();
        // Far longer than the close deadline: the commit is blocked for the whole test, not refused.
        config.setBusyTimeout(120_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Migrations.migrate(dataSource, Dialect.SQLITE.id(), null);
        DeliveryTables tables = new DeliveryTables(Dialect.SQLITE, Clock.systemUTC(), new EventJson());
        Duration deadline = Duration.ofMillis(500);
        // One row a transaction: the first write blocks in its commit and the others stay queued behind it, however
        // the writer's thread is scheduled (with room for all, it sometimes took the twenty at once).
        GroupCommitWriter writer = new GroupCommitWriter("blocked-writer", dataSource,
                new GroupCommit(1, Duration.ZERO), deadline);
        lock(file);
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            writes.add(writer.submit(tables.append(List.of(pending("d-" + i, "ops", T0)), null, null)));
        }

        long start = System.nanoTime();
        writer.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isGreaterThanOrEqualTo(deadline).isLessThan(Duration.ofSeconds(5));
        assertThat(writes).allSatisfy(w -> assertThat(w).failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(ExecutionException.class).havingCause()
                .isInstanceOf(DeliveryStoreException.class)
                .withMessageContaining("the delivery store closed after waiting PT0.5S for its writer"));
        assertThat(writes).anySatisfy(w -> assertThat(w).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class).havingCause()
                .withMessageContaining("was still queued and was not committed"));
        assertThat(writer.submit(tables.append(List.of(pending("late", "ops", T0)), null, null)))
                .failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class).havingCause()
                .isInstanceOf(IllegalStateException.class).withMessageContaining("closed");

        // Once the database lets it go, the interrupted writer ends instead of waiting for more.
        unlock();
        await().atMost(Duration.ofSeconds(30)).until(() -> !writer.running());
    }

    @Test
    void aReplayBehindABlockedWriterFailsByItsDeadlineAndChangesNothing() throws Exception {
        Path dir = directory.resolve("store");
        StoreEngine engine = StoreEngine.sqlite(SqliteStoreConfig.in(dir));
        try {
            engine.append(List.of(pending("d-dead", "ops", T0)), null, null).toCompletableFuture().join();
            engine.recordFinal("d-dead", StoredState.DEAD, "gone").toCompletableFuture().join();
            lock(dir.resolve(SqliteStoreConfig.FILE_NAME));
            // Holds the writer in its commit (up to the pool's busy timeout), so that the replay queues behind it.
            CompletableFuture<Void> blocked =
                    engine.append(List.of(pending("d-blocked", "ops", T0)), null, null).toCompletableFuture();
            await().atMost(Duration.ofSeconds(5)).until(() -> engine.writer().committing());

            long start = System.nanoTime();
            assertThatThrownBy(() -> engine.replay(T0, null, T0.plusSeconds(60), Duration.ofMillis(300)))
                    .isInstanceOf(DeliveryStoreException.class)
                    .hasMessageContaining("could not replay dead deliveries within PT0.3S: its writer is busy")
                    .hasMessageContaining("nothing was changed");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

            unlock();
            await().atMost(Duration.ofSeconds(30)).until(blocked::isDone);
            assertThat(engine.list(new DeliveryQuery(StoredState.DEAD, null, 10))).hasSize(1);
        } finally {
            engine.close();
        }
    }
}
