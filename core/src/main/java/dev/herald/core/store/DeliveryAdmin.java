package dev.herald.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What operators do with a store, from the command line or a console: look at the deliveries it keeps, replay the
 * dead ones, purge the ended ones. Every method <strong>blocks</strong> its caller until the store answers; none is
 * for a dispatcher's hot path. All are thread-safe.
 *
 * <p>The writes ({@link #replay}, {@link #purge}) may wait behind the store's writer or for rows another node holds
 * locked, so each takes a deadline: past it the call fails with an exception saying so (and the write is withdrawn
 * if it had not started; one that had may still land). The reads ({@link #list}, {@link #count}) never wait for a
 * writer; they wait for a connection at most as long as the store's pool allows.
 */
public interface DeliveryAdmin {

    /** Deliveries matching the query, newest first, with their attempts. Blocks until the store answers. */
    List<DeliveryRecord> list(DeliveryQuery query);

    /**
     * How many deliveries are in this state, all of them when {@code state} is null: what {@link #list} would
     * return without a limit, counted. Blocks until the store answers.
     */
    long count(StoredState state);

    /**
     * Makes dead deliveries accepted at or after {@code since} pending again, due at {@code now}, keeping their ids
     * and attempts; restricted to one endpoint when {@code endpointName} is not null. Returns how many. Blocks, at
     * most until {@code deadline} has passed.
     *
     * @throws RuntimeException a store-specific one when the store fails, or has not answered by the deadline
     */
    int replay(Instant since, String endpointName, Instant now, Duration deadline);

    /**
     * Deletes delivered and dead deliveries that ended before {@code before}. Returns how many. Blocks, at most until
     * {@code deadline} has passed.
     *
     * @throws RuntimeException a store-specific one when the store fails, or has not answered by the deadline
     */
    int purge(Instant before, Duration deadline);
}
