package dev.herald.core.store;

import dev.herald.core.event.Event;
import java.time.Instant;
import java.util.Objects;

/**
 * One delivery as the store keeps it: enough to send it again after a restart, with the same id, so that receivers
 * can de-duplicate by {@code webhook-id}.
 *
 * @param deliveryId the delivery's id, stable across attempts and restarts
 * @param event the event, whole: it is rendered again after a restart
 * @param endpointName the endpoint it goes to
 * @param attempts attempts made so far
 * @param state where it stands
 * @param nextAttemptAt when the next attempt is due; null once final
 * @param acceptedAt when it was accepted
 */
public record StoredDelivery(String deliveryId, Event event, String endpointName, int attempts, StoredState state,
        Instant nextAttemptAt, Instant acceptedAt) {

    public StoredDelivery {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, got " + attempts);
        }
    }

    /** A delivery just accepted: pending, no attempt yet, due at once. */
    public static StoredDelivery accepted(String deliveryId, Event event, String endpointName, Instant now) {
        return new StoredDelivery(deliveryId, event, endpointName, 0, StoredState.PENDING, now, now);
    }
}
