package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.PendingInStore;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.StoredState;
import java.time.Instant;
import java.util.Map;

/**
 * Where a dispatcher's deliveries are kept between their attempts, the one thing its two modes differ in once an
 * event is admitted: in memory only ({@link #IN_MEMORY}, which does nothing), or in a delivery store as well
 * ({@link StoreCustody}), which records every attempt and end, keeps retries, and decides by the endpoints'
 * leases whether this node may send.
 */
public interface Custody {
    /** Memory only: every endpoint may be sent to, nothing is recorded, a retry waits in memory. */
    Custody IN_MEMORY = new Custody() {};

    /** Starts the background work: leases, the relay, purges. */
    default void start() {}

    /** Stops taking deliveries in from elsewhere, as closing begins. */
    default void stopTaking() {}

    /** Whether this node may start an attempt to the endpoint at {@code now}. */
    default boolean canSend(EndpointRuntime ep, Instant now) {
        return true;
    }

    /** Hands a delivery this node may not send (it left memory already) to whoever may. */
    default void handBack(Delivery d) {}

    /** Notes an attempt just handed to the transport, so that a close that will not wait for it can record it. */
    default void attemptSent(Delivery d, Instant startedAt, long startNanos) {}

    /**
     * Takes the answered attempt for recording: true when it is to be recorded here (then {@link #writeComing}
     * and {@link #recordAttempt} follow), false when nothing records attempts or a close recorded it already.
     */
    default boolean takeAnswered(Delivery d) {
        return false;
    }

    /** Whether attempts must be recorded even when no listener wants them. */
    default boolean recordsAttempts() {
        return false;
    }

    /** Whether a retry waits here rather than in memory, so that closing this dispatcher does not call it off. */
    default boolean keepsRetries() {
        return false;
    }

    /**
     * Announces a write, before the delivery's room is freed, so that a close that finds nothing outstanding still
     * waits for it.
     */
    default void writeComing() {}

    /** Records an announced attempt and where it left the delivery. */
    default void recordAttempt(Delivery d, AttemptRecord record, StoredState after) {}

    /** Records the announced end of a delivery that failed before an attempt could be made. */
    default void recordUnsent(Delivery d, String reason) {}

    /** Why deliveries still outstanding at the close's deadline did not end. */
    default String closeReason() {
        return "not delivered before the dispatcher closed";
    }

    /**
     * Ends custody as the dispatcher closes, given what it called off with their outcomes; what is left pending
     * elsewhere, or null when nothing keeps deliveries beyond memory.
     */
    default PendingInStore close(Map<Delivery, DeliveryOutcome> calledOff) {
        return null;
    }
}
