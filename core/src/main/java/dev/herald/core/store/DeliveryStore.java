package dev.herald.core.store;

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
 * <p>A lease is held while {@code now} is before its {@code leaseUntil}; at or after it, it has expired and any
 * node may take it. A delivery is <em>unleased</em> when it has no owner (appended unleased, released, or after
 * an attempt left it pending): the node holding its endpoint leases it with {@link #leaseDue} once it is due.
 *
 * <p>Implementations batch their writes: each call may wait for a group commit but none holds a lock across
 * calls. The methods that return a stage do not block: they queue the write and complete the stage once it is
 * durable. The others ({@link #leaseDue}, {@link #leaseEndpoints}, {@link #list}, {@link #count},
 * {@link #replay}, {@link #purge}) may block; the dispatcher calls them off its hot path. All methods are thread-safe.
 */
public interface DeliveryStore extends AutoCloseable {

    /**
     * Records newly accepted deliveries, leased to {@code node} until {@code leaseUntil} so that the accepting node
     * may send them at once; or, when {@code node} is null, unleased ({@code leaseUntil} is then ignored and may be
     * null), for whichever node holds their endpoint. The stage completes when they are durable; it fails, and
     * none of them is stored, when any of their ids is stored already.
     */
    CompletionStage<Void> append(List<StoredDelivery> deliveries, String node, Instant leaseUntil);

    /**
     * Leases to {@code node}, until {@code leaseUntil}, up to {@code max} (at least 1) pending deliveries that are
     * due at {@code now}, unleased or with an expired lease, of endpoints this node holds (see
     * {@link #leaseEndpoints}). Oldest due first.
     */
    List<StoredDelivery> leaseDue(String node, Instant now, Instant leaseUntil, int max);

    /**
     * Takes or renews, for {@code node} until {@code leaseUntil}, the lease of each named endpoint that is free,
     * expired, or already this node's. Returns the endpoints this node now holds. A {@code leaseUntil} at or before
     * {@code now} gives this node's leases of those endpoints up, as a clean shutdown does.
     */
    List<String> leaseEndpoints(String node, List<String> endpointNames, Instant now, Instant leaseUntil);

    /**
     * Extends the leases {@code node} holds on these deliveries: those it still owns, expired or not, that are
     * pending. The others are left alone.
     */
    CompletionStage<Void> renew(String node, List<String> deliveryIds, Instant leaseUntil);

    /**
     * Records one attempt and where it leaves the delivery: pending with {@code attempt.nextAttemptAt()} (the
     * lease is released, so that whichever node holds the endpoint sends it when due), delivered, or dead. A
     * delivery that is delivered or dead already stays so (a late answer after another node ended it); the attempt
     * is kept all the same. The stage fails when no delivery has the attempt's id.
     */
    CompletionStage<Void> recordAttempt(AttemptRecord attempt, StoredState after);

    /**
     * Marks a delivery final without an attempt (failed to prepare, endpoint gone, refused): {@code state} is
     * delivered or dead. A delivery that is delivered or dead already stays so.
     */
    CompletionStage<Void> recordFinal(String deliveryId, StoredState state, String reason);

    /**
     * Gives up {@code node}'s leases on these deliveries without an attempt, as on a clean shutdown; they stay
     * pending, due when they were.
     */
    CompletionStage<Void> release(String node, List<String> deliveryIds);

    /** Deliveries matching the query, newest first, with their attempts. */
    List<DeliveryRecord> list(DeliveryQuery query);

    /**
     * How many deliveries are in this state, all of them when {@code state} is null: what {@link #list} would
     * return without a limit, counted, so that a report can say how many there are without listing them all.
     */
    long count(StoredState state);

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
