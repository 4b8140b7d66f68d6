package dev.herald.core.store;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The dispatcher's side of the delivery store: where deliveries live between acceptance and their final outcome,
 * as a dispatcher appends, leases, sends and ends them. Operators' listing and replay are in {@link DeliveryAdmin};
 * a store kind implements both as a {@link DeliveryStore}.
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
 * <p>Blocking and threads. Implementations batch their writes: each call may wait for a group commit but none holds
 * a lock across calls, and every method is thread-safe.
 * <ul>
 *   <li>The methods that return a stage ({@link #append}, {@link #renew}, {@link #recordAttempt},
 *       {@link #recordFinal}, {@link #release}) <strong>never block</strong>: they queue the write and complete the
 *       stage once it is durable, possibly on a thread of the store's own (the dispatcher hops back to its executor
 *       before going on). A failure is reported through the stage, not thrown. {@link #append} is called on the
 *       thread of whoever dispatches an event, which {@code Dispatcher.dispatch} promises never to block; the
 *       others on the dispatcher's executor, and on the thread that closes the dispatcher.</li>
 *   <li>The others <strong>may block</strong>, on the database and on the store's writer: {@link #leaseDue} and
 *       {@link #leaseEndpoints} (the dispatcher's relay and lease renewal, on its executor, every poll interval
 *       and every third of a lease; {@code leaseEndpoints} also on the closing thread, to give leases up),
 *       {@link #purge} (the retention purge, on the executor, hourly) and {@link #count} and {@link #list} (on
 *       the closing thread, to report what is left pending). The dispatcher never calls them on the path of an
 *       event.</li>
 * </ul>
 */
public interface DeliveryOutbox {

    /**
     * Records newly accepted deliveries, leased to {@code node} until {@code leaseUntil} so that the accepting node
     * may send them at once; or, when {@code node} is null, unleased ({@code leaseUntil} is then ignored and may be
     * null), for whichever node holds their endpoint. The stage completes when they are durable; it fails, and
     * none of them is stored, when any of their ids is stored already. Never blocks.
     */
    CompletionStage<Void> append(List<StoredDelivery> deliveries, String node, Instant leaseUntil);

    /**
     * Leases to {@code node}, until {@code leaseUntil}, up to {@code max} (at least 1) pending deliveries that are
     * due at {@code now}, unleased or with an expired lease, of endpoints this node holds (see
     * {@link #leaseEndpoints}). Oldest due first. May block.
     */
    List<StoredDelivery> leaseDue(String node, Instant now, Instant leaseUntil, int max);

    /**
     * Takes or renews, for {@code node} until {@code leaseUntil}, the lease of each named endpoint that is free,
     * expired, or already this node's. Returns the endpoints this node now holds. A {@code leaseUntil} at or before
     * {@code now} gives this node's leases of those endpoints up, as a clean shutdown does. May block.
     */
    List<String> leaseEndpoints(String node, List<String> endpointNames, Instant now, Instant leaseUntil);

    /**
     * Extends the leases {@code node} holds on these deliveries: those it still owns, expired or not, that are
     * pending. The others are left alone. Never blocks.
     */
    CompletionStage<Void> renew(String node, List<String> deliveryIds, Instant leaseUntil);

    /**
     * Records one attempt and where it leaves the delivery: pending with {@code attempt.nextAttemptAt()} (the
     * lease is released, so that whichever node holds the endpoint sends it when due), delivered, or dead. A
     * delivery that is delivered or dead already stays so (a late answer after another node ended it); the attempt
     * is kept all the same. The stage fails when no delivery has the attempt's id. Never blocks.
     */
    CompletionStage<Void> recordAttempt(AttemptRecord attempt, StoredState after);

    /**
     * Marks a delivery final without an attempt (failed to prepare, endpoint gone, refused): {@code state} is
     * delivered or dead. A delivery that is delivered or dead already stays so. Never blocks.
     */
    CompletionStage<Void> recordFinal(String deliveryId, StoredState state, String reason);

    /**
     * Gives up {@code node}'s leases on these deliveries without an attempt, as on a clean shutdown; they stay
     * pending, due when they were. Never blocks.
     */
    CompletionStage<Void> release(String node, List<String> deliveryIds);

    /**
     * Deletes delivered and dead deliveries that ended before {@code before}, as the dispatcher's retention does.
     * Returns how many. May block; a {@link DeliveryStore} bounds the wait ({@link DeliveryStore#purge(Instant)}).
     */
    int purge(Instant before);

    /**
     * How many deliveries are in this state, all of them when {@code state} is null: what {@link #list} would
     * return without a limit, counted, so that a report can say how many there are without listing them all.
     * May block.
     */
    long count(StoredState state);

    /** Deliveries matching the query, newest first, with their attempts. May block. */
    List<DeliveryRecord> list(DeliveryQuery query);
}
