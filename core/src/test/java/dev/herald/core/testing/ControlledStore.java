package dev.herald.core.testing;

import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.InMemoryDeliveryStore;
import dev.herald.core.store.StoredDelivery;
import dev.herald.core.store.StoredState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link InMemoryDeliveryStore} whose appends the test controls: held until it lets them through (as a slow
 * group commit), or failed (as a broken database); its renewals of delivery leases may be dropped. Everything else
 * goes straight to the store.
 */
public final class ControlledStore implements DeliveryStore {
    private final InMemoryDeliveryStore store;
    private final List<Runnable> heldAppends = new ArrayList<>();
    private boolean hold;
    private RuntimeException failure;
    private boolean ignoreRenewals;
    private int appends;

    public ControlledStore(InMemoryDeliveryStore store) {
        this.store = store;
    }

    /** From now on, appends wait for {@link #letHeldAppendsThrough()}. */
    public synchronized ControlledStore holdAppends() {
        hold = true;
        return this;
    }

    /** From now on, appends fail with this error. */
    public synchronized ControlledStore failAppends(RuntimeException error) {
        failure = error;
        return this;
    }

    /** From now on, renewals of delivery leases are dropped, as when they never reach the database. */
    public synchronized ControlledStore dropRenewals() {
        ignoreRenewals = true;
        return this;
    }

    /** Writes the held appends, completing their stages, and stops holding. */
    public void letHeldAppendsThrough() {
        List<Runnable> toRun;
        synchronized (this) {
            hold = false;
            toRun = new ArrayList<>(heldAppends);
            heldAppends.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /** How many appends were asked for. */
    public synchronized int appends() {
        return appends;
    }

    @Override
    public CompletionStage<Void> append(List<StoredDelivery> deliveries, String node, Instant leaseUntil) {
        synchronized (this) {
            appends++;
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            if (hold) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                heldAppends.add(() -> store.append(deliveries, node, leaseUntil).whenComplete((v, e) -> {
                    if (e != null) {
                        done.completeExceptionally(e);
                    } else {
                        done.complete(null);
                    }
                }));
                return done;
            }
        }
        return store.append(deliveries, node, leaseUntil);
    }

    @Override
    public List<StoredDelivery> leaseDue(String node, Instant now, Instant leaseUntil, int max) {
        return store.leaseDue(node, now, leaseUntil, max);
    }

    @Override
    public List<String> leaseEndpoints(String node, List<String> endpointNames, Instant now, Instant leaseUntil) {
        return store.leaseEndpoints(node, endpointNames, now, leaseUntil);
    }

    @Override
    public CompletionStage<Void> renew(String node, List<String> deliveryIds, Instant leaseUntil) {
        synchronized (this) {
            if (ignoreRenewals) {
                return CompletableFuture.completedFuture(null);
            }
        }
        return store.renew(node, deliveryIds, leaseUntil);
    }

    @Override
    public CompletionStage<Void> recordAttempt(AttemptRecord attempt, StoredState after) {
        return store.recordAttempt(attempt, after);
    }

    @Override
    public CompletionStage<Void> recordFinal(String deliveryId, StoredState state, String reason) {
        return store.recordFinal(deliveryId, state, reason);
    }

    @Override
    public CompletionStage<Void> release(String node, List<String> deliveryIds) {
        return store.release(node, deliveryIds);
    }

    @Override
    public long count(StoredState state) {
        return store.count(state);
    }

    @Override
    public List<DeliveryRecord> list(DeliveryQuery query) {
        return store.list(query);
    }

    @Override
    public int replay(Instant since, String endpointName, Instant now, Duration deadline) {
        return store.replay(since, endpointName, now, deadline);
    }

    @Override
    public int purge(Instant before, Duration deadline) {
        return store.purge(before, deadline);
    }

    @Override
    public void close() {
        store.close();
    }
}
