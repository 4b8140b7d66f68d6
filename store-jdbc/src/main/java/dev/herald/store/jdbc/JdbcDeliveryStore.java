package dev.herald.store.jdbc;

import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.StoredDelivery;
import dev.herald.core.store.StoredState;
import dev.herald.store.jdbc.internal.StoreEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A {@link DeliveryStore} in a relational database. The writes that return a stage are queued for one writer
 * thread, which commits them in groups ({@link GroupCommit}) and completes each stage once its group is durable;
 * stages complete on that thread, so chain heavy work with the async variants. A write the database refuses fails
 * its own stage only, with a {@link DeliveryStoreException} (an {@link IllegalArgumentException} for an id stored
 * already or unknown). Times are kept to the millisecond on SQLite, the microsecond on PostgreSQL; an attempt
 * keeps the first {@value #MAX_RESPONSE_BODY_CHARS} characters of its response body.
 */
public abstract sealed class JdbcDeliveryStore implements DeliveryStore
        permits SqliteDeliveryStore, PostgresDeliveryStore {
    /** How much of a response body an attempt keeps: enough to see why, not a copy of every answer. */
    public static final int MAX_RESPONSE_BODY_CHARS = 4096;

    private final StoreEngine engine;

    JdbcDeliveryStore(StoreEngine engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<Void> append(List<StoredDelivery> deliveries, String node, Instant leaseUntil) {
        return engine.append(deliveries, node, leaseUntil);
    }

    @Override
    public List<StoredDelivery> leaseDue(String node, Instant now, Instant leaseUntil, int max) {
        return engine.leaseDue(node, now, leaseUntil, max);
    }

    @Override
    public List<String> leaseEndpoints(String node, List<String> endpointNames, Instant now, Instant leaseUntil) {
        return engine.leaseEndpoints(node, endpointNames, now, leaseUntil);
    }

    @Override
    public CompletionStage<Void> renew(String node, List<String> deliveryIds, Instant leaseUntil) {
        return engine.renew(node, deliveryIds, leaseUntil);
    }

    @Override
    public CompletionStage<Void> recordAttempt(AttemptRecord attempt, StoredState after) {
        return engine.recordAttempt(attempt, after);
    }

    @Override
    public CompletionStage<Void> recordFinal(String deliveryId, StoredState state, String reason) {
        return engine.recordFinal(deliveryId, state, reason);
    }

    @Override
    public CompletionStage<Void> release(String node, List<String> deliveryIds) {
        return engine.release(node, deliveryIds);
    }

    @Override
    public List<DeliveryRecord> list(DeliveryQuery query) {
        return engine.list(query);
    }

    @Override
    public long count(StoredState state) {
        return engine.count(state);
    }

    @Override
    public int replay(Instant since, String endpointName, Instant now, Duration deadline) {
        return engine.replay(since, endpointName, now, deadline);
    }

    @Override
    public int purge(Instant before, Duration deadline) {
        return engine.purge(before, deadline);
    }

    /** Commits what is queued, stops the writer and closes the connections. */
    @Override
    public void close() {
        engine.close();
    }

    /** How well this store grouped its writes so far. */
    public GroupCommitStats groupCommitStats() {
        return engine.groupCommitStats();
    }
}
