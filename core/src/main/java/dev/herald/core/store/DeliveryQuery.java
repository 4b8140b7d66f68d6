package dev.herald.core.store;

/**
 * Which deliveries to list.
 *
 * @param state only this state; null for all
 * @param endpointName only this endpoint; null for all
 * @param limit at most this many, newest first
 */
public record DeliveryQuery(StoredState state, String endpointName, int limit) {

    public DeliveryQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }
}
