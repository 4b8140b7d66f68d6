package dev.herald.core.store;

import java.time.Duration;
import java.time.Instant;

/**
 * A store kind: both the dispatcher's {@link DeliveryOutbox} and the operators' {@link DeliveryAdmin} over one set
 * of deliveries, and what its owner closes. This is what an implementation of the port implements; a dispatcher
 * needs only the outbox, a command line only the admin side.
 *
 * <p>The contract every implementation must meet is the abstract {@code DeliveryStoreContract} of the
 * {@code herald-store-testkit} module.
 */
public interface DeliveryStore extends DeliveryOutbox, DeliveryAdmin, AutoCloseable {

    /** How long the dispatcher's retention purge ({@link #purge(Instant)}) waits for the store at most. */
    Duration RETENTION_PURGE_DEADLINE = Duration.ofMinutes(1);

    /**
     * The dispatcher's retention purge: {@link #purge(Instant, Duration)} with
     * {@link #RETENTION_PURGE_DEADLINE}, so that a busy store holds a thread of the dispatcher's executor for
     * that long at most; the next hourly purge catches up.
     */
    @Override
    default int purge(Instant before) {
        return purge(before, RETENTION_PURGE_DEADLINE);
    }

    /** Waits for pending writes, then releases connections and files. */
    @Override
    void close();
}
