package dev.herald.store.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.StoredDelivery;
import dev.herald.core.store.StoreObservation;
import dev.herald.core.store.StoredState;
import dev.herald.store.jdbc.DeliveryStoreException;
import dev.herald.store.jdbc.GroupCommit;
import dev.herald.store.jdbc.GroupCommitStats;
import dev.herald.store.jdbc.PostgresStoreConfig;
import dev.herald.store.jdbc.SqliteStoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The delivery store port over JDBC, for either database: writes that return a stage go to the group-commit
 * writer; the blocking writes ({@code leaseDue}, {@code leaseEndpoints}, {@code replay}, {@code purge}) go through
 * the writer too on SQLite, which takes one writer at a time, and run in transactions of their own on PostgreSQL,
 * where nodes race for rows. The operators' writes ({@code replay}, {@code purge}) wait at most their deadline.
 */
public final class StoreEngine implements DeliveryStore {
    private final HikariDataSource pool;
    private final DeliveryTables tables;
    private final DeliveryListing listing;
    private final GroupCommitWriter writer;
    private final boolean blockingWritesThroughWriter;
    private final Dialect dialect;
    private final EventJson json = new EventJson();

    private StoreEngine(HikariDataSource pool, Dialect dialect, Clock clock, GroupCommit groupCommit,
            StoreObservation observation) {
        this.pool = pool;
        this.tables = new DeliveryTables(dialect, clock, json);
        this.listing = new DeliveryListing(dialect, json);
        this.writer = new GroupCommitWriter("herald-" + dialect.id() + "-writer", pool, groupCommit, observation);
        this.blockingWritesThroughWriter = dialect.singleWriter();
        this.dialect = dialect;
    }

    /** Opens, creating or migrating it as needed, the SQLite database the config names. */
    public static StoreEngine sqlite(SqliteStoreConfig config) {
        return sqlite(config, StoreObservation.NONE);
    }

    /** As {@link #sqlite(SqliteStoreConfig)}, its writer's commits reported to the observation. */
    public static StoreEngine sqlite(SqliteStoreConfig config, StoreObservation observation) {
        try {
            Files.createDirectories(config.directory());
        } catch (IOException e) {
            throw new UncheckedIOException("the delivery store could not create its directory "
                    + config.directory().toAbsolutePath() + ": " + e.getMessage(), e);
        }
        HikariDataSource pool = Pools.sqlite(config);
        return start(pool, Dialect.SQLITE, null, config.clock(), config.groupCommit(), observation);
    }

    /**
     * Connects to the PostgreSQL database the config names, creating or migrating Herald's schema as needed; its
     * writer's commits are reported to the observation.
     */
    public static StoreEngine postgres(PostgresStoreConfig config, StoreObservation observation) {
        HikariDataSource pool = Pools.postgres(config);
        return start(pool, Dialect.POSTGRESQL, config.schema(), config.clock(), config.groupCommit(), observation);
    }

    private static StoreEngine start(HikariDataSource pool, Dialect dialect, String schema, Clock clock,
            GroupCommit groupCommit, StoreObservation observation) {
        try {
            Migrations.migrate(pool, dialect.id(), schema);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new StoreEngine(pool, dialect, clock, groupCommit, observation);
    }

    @Override
    public CompletionStage<Void> append(List<StoredDelivery> deliveries, String node, Instant leaseUntil) {
        Objects.requireNonNull(deliveries, "deliveries");
        if (node != null) {
            Objects.requireNonNull(leaseUntil, "leaseUntil of a leased append");
        }
        if (deliveries.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Set<String> ids = new HashSet<>();
        for (StoredDelivery d : deliveries) {
            if (!ids.add(d.deliveryId())) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "delivery '" + d.deliveryId() + "' appears twice in one append"));
            }
        }
        return writer.submit(tables.append(List.copyOf(deliveries), node, leaseUntil));
    }

    @Override
    public List<StoredDelivery> leaseDue(String node, Instant now, Instant leaseUntil, int max) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        List<DeliveryRow> rows = runBlocking(tables.leaseDue(node, now, leaseUntil, max));
        List<StoredDelivery> due = new ArrayList<>(rows.size());
        for (DeliveryRow row : rows) {
            due.add(row.toStored(json));
        }
        return due;
    }

    @Override
    public List<String> leaseEndpoints(String node, List<String> endpointNames, Instant now, Instant leaseUntil) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (endpointNames.isEmpty()) {
            return List.of();
        }
        return runBlocking(tables.leaseEndpoints(node, List.copyOf(endpointNames), now, leaseUntil));
    }

    @Override
    public CompletionStage<Void> renew(String node, List<String> deliveryIds, Instant leaseUntil) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (deliveryIds.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return writer.submit(tables.renew(node, List.copyOf(deliveryIds), leaseUntil));
    }

    @Override
    public CompletionStage<Void> recordAttempt(AttemptRecord attempt, StoredState after) {
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(attempt.deliveryId(), "attempt.deliveryId");
        Objects.requireNonNull(attempt.startedAt(), "attempt.startedAt");
        Objects.requireNonNull(after, "after");
        return writer.submit(tables.recordAttempt(attempt, after));
    }

    @Override
    public CompletionStage<Void> recordFinal(String deliveryId, StoredState state, String reason) {
        Objects.requireNonNull(deliveryId, "deliveryId");
        if (state == null || state == StoredState.PENDING) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("state must be DELIVERED or DEAD, got " + state));
        }
        return writer.submit(tables.recordFinal(deliveryId, state, reason));
    }

    @Override
    public CompletionStage<Void> release(String node, List<String> deliveryIds) {
        Objects.requireNonNull(node, "node");
        if (deliveryIds.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return writer.submit(tables.release(node, List.copyOf(deliveryIds)));
    }

    @Override
    public List<DeliveryRecord> list(DeliveryQuery query) {
        Objects.requireNonNull(query, "query");
        try (Connection c = pool.getConnection()) {
            return listing.list(c, query);
        } catch (SQLException e) {
            throw Op.couldNot("list deliveries", e);
        }
    }

    @Override
    public long count(StoredState state) {
        try (Connection c = pool.getConnection()) {
            return listing.count(c, state);
        } catch (SQLException e) {
            throw Op.couldNot("count deliveries", e);
        }
    }

    @Override
    public int replay(Instant since, String endpointName, Instant now, Duration deadline) {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(now, "now");
        return runBlocking(tables.replay(since, endpointName, now), "replay dead deliveries", deadline);
    }

    @Override
    public int purge(Instant before, Duration deadline) {
        Objects.requireNonNull(before, "before");
        return runBlocking(tables.purge(before), "purge ended deliveries", deadline);
    }

    /** The writer, for the tests of this package. */
    GroupCommitWriter writer() {
        return writer;
    }

    /** How well writes were grouped so far. */
    public GroupCommitStats groupCommitStats() {
        return new GroupCommitStats(writer.commits(), writer.committedOps());
    }

    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            pool.close();
        }
    }

    private <T> T runBlocking(WriteOp<T> op) {
        if (!blockingWritesThroughWriter) {
            return Transactions.runAlone(pool, op);
        }
        try {
            return writer.submit(op).join();
        } catch (CompletionException e) {
            throw rethrown(e);
        }
    }

    /**
     * As {@link #runBlocking(WriteOp)}, waiting at most {@code deadline}: on SQLite for the writer, withdrawing the
     * op when it is still queued then; on PostgreSQL for row locks, through the statement timeout.
     */
    private <T> T runBlocking(WriteOp<T> op, String what, Duration deadline) {
        requirePositive(deadline);
        if (!blockingWritesThroughWriter) {
            return Transactions.runAlone(pool, op, dialect, deadline);
        }
        CompletableFuture<T> result = writer.submit(op);
        try {
            return result.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // The writer skips an op whose future is done: cancelled while queued, it never runs.
            boolean withdrawn = result.cancel(false);
            throw new DeliveryStoreException("the delivery store could not " + what + " within " + deadline
                    + ": its writer is busy" + (withdrawn ? "; nothing was changed" : "; it may still land"), e);
        } catch (InterruptedException e) {
            result.cancel(false);
            Thread.currentThread().interrupt();
            throw new DeliveryStoreException("interrupted while waiting to " + what, e);
        } catch (ExecutionException e) {
            throw rethrown(new CompletionException(e.getCause()));
        }
    }

    private static RuntimeException rethrown(CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
            r.addSuppressed(new IllegalStateException("waited for by " + Thread.currentThread().getName()));
            return r;
        }
        return e;
    }

    private static void requirePositive(Duration deadline) {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, got " + deadline);
        }
    }
}
