package dev.herald.core.store;

import dev.herald.core.dispatch.AttemptRecord;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where deliveries live between acceptance and their final outcome.
 *
 * <p>The dispatcher appends an accepted event's deliveries and reports acceptance only once {@link #append}'s
 * stage completes; it records every attempt with {@link #recordAttempt}. A node sends a delivery only while it holds
 * the delivery's lease, and only for an endpoint whose lease it holds, so that no delivery, and no endpoint, is
 * ever sent to by two nodes at once; a lease that is not renewed expires, so a node that dies gives its work up.
 *
 * <p>Implementations batch their writes: each call may wait for a group commit but none holds a lock across
 * calls. All methods are thread-safe.
 */
public interface DeliveryStore extends AutoCloseable {

    /**
     * Records newly accepted deliveries, leased to {@code node} until {@code leaseUntil} so that the accepting node
     * may send them at once. The stage completes when they are durable.
     */
    CompletionStage<Void> append(List<StoredDelivery> deliveries, String node, Instant leaseUntil);

    /**
     * Leases to {@code node}, until {@code leaseUntil}, up to {@code max} pending deliveries that are due at
     * {@code now}, unleased or with an expired lease, of endpoints this node holds (see {@link #leaseEndpoints}).
     * Oldest due first.
     */
    List<StoredDelivery> leaseDue(String node, Instant now, Instant leaseUntil, int max);

    /**
     * Takes or renews, for {@code node} until {@code leaseUntil}, the lease of each named endpoint that is free,
     * expired, or already this node's. Returns the endpoints this node now holds.
     */
    List<String> leaseEndpoints(String node, List<String> endpointNames, Instant now, Instant leaseUntil);

    /** Extends the leases {@code node} holds on these deliveries. */
    CompletionStage<Void> renew(String node, List<String> deliveryIds, Instant leaseUntil);

    /**
     * Records one attempt and where it leaves the delivery: pending with {@code attempt.nextAttemptAt()} (the
     * lease is released, so that whichever node holds the endpoint sends it when due), delivered, or dead.
     */
    CompletionStage<Void> recordAttempt(AttemptRecord attempt, StoredState after);

    /** Marks a delivery final without an attempt (failed to prepare, endpoint gone). */
    CompletionStage<Void> recordFinal(String deliveryId, StoredState state, String reason);

    /** Gives up {@code node}'s leases on these deliveries without an attempt, as on a clean shutdown. */
    CompletionStage<Void> release(String node, List<String> deliveryIds);

    /** Deliveries matching the query, newest first, with their attempts. */
    List<DeliveryRecord> list(DeliveryQuery query);

    /**
     * Makes dead deliveries accepted at or after {@code since} pending again, due at {@code now}, keeping their ids
     * and attempts; restricted to one endpoint when {@code endpointName} is not null. Returns how many.
     */
    int replay(Instant since, String endpointName, Instant now);

    /** Deletes delivered and dead deliveries that ended before {@code before}. Returns how many. */
    int purge(Instant before);

    /** Waits for pending writes, then releases connections and files. */
    @Override
    void close();
}
