package dev.herald.core.store;

import dev.herald.core.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The whole {@link DeliveryStore} port in memory, behind one lock: for tests, and as the reference the JDBC stores
 * are held to. It keeps nothing across a restart of the process, so it gives several dispatchers of one process a
 * shared outbox, never durability. Every stage it returns is already complete. Once closed it refuses writes.
 */
public final class InMemoryDeliveryStore implements DeliveryStore {
    private static final Comparator<Row> OLDEST_DUE_FIRST =
            Comparator.comparing((Row r) -> r.nextAttemptAt).thenComparingLong(r -> r.sequence);
    private static final Comparator<Row> NEWEST_FIRST =
            Comparator.comparing((Row r) -> r.acceptedAt).thenComparingLong(r -> r.sequence).reversed();

    private final Supplier<Instant> clock;
    private final Map<String, Row> rows = new HashMap<>();
    private final Map<String, Lease> endpointLeases = new HashMap<>();
    private long sequence;
    private boolean closed;

    /** A store whose end times come from the system clock. */
    public InMemoryDeliveryStore() {
        this(Instant::now);
    }

    /** A store that stamps when deliveries end (what {@link #purge(Instant, Duration)} compares) from {@code clock}. */
    public InMemoryDeliveryStore(Supplier<Instant> clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized CompletionStage<Void> append(List<StoredDelivery> deliveries, String node,
            Instant leaseUntil) {
        if (closed) {
            return failed(closedError());
        }
        Objects.requireNonNull(deliveries, "deliveries");
        if (node != null) {
            Objects.requireNonNull(leaseUntil, "leaseUntil of a leased append");
        }
        Set<String> ids = new HashSet<>();
        for (StoredDelivery d : deliveries) {
            if (rows.containsKey(d.deliveryId()) || !ids.add(d.deliveryId())) {
                return failed(new IllegalArgumentException("delivery '" + d.deliveryId() + "' is stored already"));
            }
        }
        for (StoredDelivery d : deliveries) {
            Row row = new Row(d, sequence++);
            if (d.state() != StoredState.PENDING) {
                row.end(d.state(), clock.get());
            } else if (node != null) {
                row.leaseOwner = node;
                row.leaseUntil = leaseUntil;
            }
            rows.put(d.deliveryId(), row);
        }
        return done();
    }

    @Override
    public synchronized List<StoredDelivery> leaseDue(String node, Instant now, Instant leaseUntil, int max) {
        requireOpen();
        Objects.requireNonNull(node, "node");
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, got " + max);
        }
        List<Row> due = new ArrayList<>();
        for (Row r : rows.values()) {
            if (r.state == StoredState.PENDING && !r.nextAttemptAt.isAfter(now) && !r.leasedAt(now)
                    && holds(node, r.endpointName, now)) {
                due.add(r);
            }
        }
        due.sort(OLDEST_DUE_FIRST);
        List<StoredDelivery> out = new ArrayList<>(Math.min(max, due.size()));
        for (Row r : due.subList(0, Math.min(max, due.size()))) {
            r.leaseOwner = node;
            r.leaseUntil = leaseUntil;
            out.add(r.snapshot());
        }
        return out;
    }

    @Override
    public synchronized List<String> leaseEndpoints(String node, List<String> endpointNames, Instant now,
            Instant leaseUntil) {
        requireOpen();
        Objects.requireNonNull(node, "node");
        List<String> held = new ArrayList<>();
        for (String name : endpointNames) {
            Lease lease = endpointLeases.get(name);
            if (lease == null || !lease.until.isAfter(now) || lease.owner.equals(node)) {
                endpointLeases.put(name, new Lease(node, leaseUntil));
                if (leaseUntil.isAfter(now)) {
                    held.add(name);
                }
            }
        }
        return held;
    }

    @Override
    public synchronized CompletionStage<Void> renew(String node, List<String> deliveryIds, Instant leaseUntil) {
        if (closed) {
            return failed(closedError());
        }
        for (String id : deliveryIds) {
            Row r = rows.get(id);
            if (r != null && r.state == StoredState.PENDING && node.equals(r.leaseOwner)) {
                r.leaseUntil = leaseUntil;
            }
        }
        return done();
    }

    @Override
    public synchronized CompletionStage<Void> recordAttempt(AttemptRecord attempt, StoredState after) {
        if (closed) {
            return failed(closedError());
        }
        Objects.requireNonNull(after, "after");
        Row r = rows.get(attempt.deliveryId());
        if (r == null) {
            return failed(new IllegalArgumentException("no delivery '" + attempt.deliveryId() + "' is stored"));
        }
        r.attemptRecords.add(attempt);
        r.attempts = Math.max(r.attempts, attempt.attempt());
        r.lastError = attempt.error();
        if (r.state != StoredState.PENDING) {
            return done();
        }
        r.release();
        if (after == StoredState.PENDING) {
            r.nextAttemptAt = attempt.nextAttemptAt() != null ? attempt.nextAttemptAt() : attempt.startedAt();
        } else {
            r.end(after, clock.get());
        }
        return done();
    }

    @Override
    public synchronized CompletionStage<Void> recordFinal(String deliveryId, StoredState state, String reason) {
        if (closed) {
            return failed(closedError());
        }
        if (state == null || state == StoredState.PENDING) {
            return failed(new IllegalArgumentException("state must be DELIVERED or DEAD, got " + state));
        }
        Row r = rows.get(deliveryId);
        if (r == null) {
            return failed(new IllegalArgumentException("no delivery '" + deliveryId + "' is stored"));
        }
        if (r.state == StoredState.PENDING) {
            r.release();
            r.lastError = reason;
            r.end(state, clock.get());
        }
        return done();
    }

    @Override
    public synchronized CompletionStage<Void> release(String node, List<String> deliveryIds) {
        if (closed) {
            return failed(closedError());
        }
        for (String id : deliveryIds) {
            Row r = rows.get(id);
            if (r != null && node.equals(r.leaseOwner)) {
                r.release();
            }
        }
        return done();
    }

    @Override
    public synchronized List<DeliveryRecord> list(DeliveryQuery query) {
        List<Row> matching = new ArrayList<>();
        for (Row r : rows.values()) {
            if ((query.state() == null || r.state == query.state())
                    && (query.endpointName() == null || r.endpointName.equals(query.endpointName()))) {
                matching.add(r);
            }
        }
        matching.sort(NEWEST_FIRST);
        List<DeliveryRecord> out = new ArrayList<>();
        for (Row r : matching.subList(0, Math.min(query.limit(), matching.size()))) {
            out.add(new DeliveryRecord(r.snapshot(), r.attemptRecords, r.lastError));
        }
        return out;
    }

    @Override
    public synchronized long count(StoredState state) {
        return rows.values().stream().filter(r -> state == null || r.state == state).count();
    }

    /** Never waits longer than the store's one lock is held by another call, so {@code deadline} is not needed. */
    @Override
    public synchronized int replay(Instant since, String endpointName, Instant now, Duration deadline) {
        requireOpen();
        int n = 0;
        for (Row r : rows.values()) {
            if (r.state == StoredState.DEAD && !r.acceptedAt.isBefore(since)
                    && (endpointName == null || r.endpointName.equals(endpointName))) {
                r.state = StoredState.PENDING;
                r.nextAttemptAt = now;
                r.endedAt = null;
                r.release();
                n++;
            }
        }
        return n;
    }

    /** As {@link #replay}, never waits long enough for {@code deadline} to matter. */
    @Override
    public synchronized int purge(Instant before, Duration deadline) {
        requireOpen();
        int before0 = rows.size();
        rows.values().removeIf(r -> r.state != StoredState.PENDING && r.endedAt.isBefore(before));
        return before0 - rows.size();
    }

    /** The node whose lease on the delivery holds at {@code now}; null when unleased, expired or unknown. */
    public synchronized String leaseOwner(String deliveryId, Instant now) {
        Row r = rows.get(deliveryId);
        return r != null && r.leasedAt(now) ? r.leaseOwner : null;
    }

    /** The node whose lease on the endpoint holds at {@code now}; null when none does. */
    public synchronized String endpointHolder(String endpointName, Instant now) {
        Lease lease = endpointLeases.get(endpointName);
        return lease != null && lease.until.isAfter(now) ? lease.owner : null;
    }

    /**
     * Refuses writes from now on, as a closed JDBC store does, so that a test on this store notices a write after
     * close as it would in production; there is nothing to flush or free, and what is stored can still be listed.
     */
    @Override
    public synchronized void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("the delivery store is closed");
    }

    private boolean holds(String node, String endpointName, Instant now) {
        return node.equals(endpointHolder(endpointName, now));
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    private static CompletionStage<Void> failed(RuntimeException e) {
        return CompletableFuture.failedFuture(e);
    }

    private record Lease(String owner, Instant until) {}

    /** One stored delivery, mutable under the store's lock. */
    private static final class Row {
        final String deliveryId;
        final Event event;
        final String endpointName;
        final Instant acceptedAt;
        final long sequence;
        final List<AttemptRecord> attemptRecords = new ArrayList<>();
        int attempts;
        StoredState state;
        Instant nextAttemptAt;
        String leaseOwner;
        Instant leaseUntil;
        String lastError;
        Instant endedAt;

        Row(StoredDelivery d, long sequence) {
            this.deliveryId = d.deliveryId();
            this.event = d.event();
            this.endpointName = d.endpointName();
            this.acceptedAt = d.acceptedAt();
            this.sequence = sequence;
            this.attempts = d.attempts();
            this.state = d.state();
            this.nextAttemptAt = d.nextAttemptAt() != null ? d.nextAttemptAt() : d.acceptedAt();
        }

        boolean leasedAt(Instant now) {
            return leaseOwner != null && leaseUntil.isAfter(now);
        }

        void release() {
            leaseOwner = null;
            leaseUntil = null;
        }

        void end(StoredState state, Instant at) {
            this.state = state;
            this.nextAttemptAt = null;
            this.endedAt = at;
        }

        StoredDelivery snapshot() {
            return new StoredDelivery(deliveryId, event, endpointName, attempts, state, nextAttemptAt, acceptedAt);
        }
    }
}
