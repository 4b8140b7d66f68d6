package dev.herald.store.jdbc.internal;

import dev.herald.core.store.StoredDelivery;
import dev.herald.core.store.StoredState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A row of {@code deliveries} as read, its event still JSON: reading the event is left to the caller's thread. */
record DeliveryRow(String id, String eventId, String eventJson, String endpoint, int attempts, StoredState state,
        Instant nextAttemptAt, Instant acceptedAt, long seq, String lastError) {

    /** The columns {@link #read} reads, {@code seq} being the dialect's insertion order. */
    static String columns(Dialect dialect) {
        return "id, event_id, event_json, endpoint, attempts, state, next_attempt_at, accepted_at, "
                + dialect.sequenceColumn() + " AS seq, last_error";
    }

    static DeliveryRow read(ResultSet rs, Dialect dialect) throws SQLException {
        return new DeliveryRow(rs.getString("id"), rs.getString("event_id"), rs.getString("event_json"),
                rs.getString("endpoint"), rs.getInt("attempts"), StoredState.valueOf(rs.getString("state")),
                dialect.getTime(rs, "next_attempt_at"), dialect.getTime(rs, "accepted_at"), rs.getLong("seq"),
                rs.getString("last_error"));
    }

    StoredDelivery toStored(EventJson json) {
        try {
            return new StoredDelivery(id, json.read(eventJson), endpoint, attempts, state, nextAttemptAt, acceptedAt);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("delivery '" + id + "': " + e.getMessage(), e);
        }
    }
}
