package dev.herald.store.jdbc.internal;

import static dev.herald.store.jdbc.JdbcDeliveryStore.MAX_RESPONSE_BODY_CHARS;

import dev.herald.core.event.Event;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.StoredDelivery;
import dev.herald.core.store.StoredState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The writes of the delivery store port as SQL over {@code deliveries}, {@code attempts} and
 * {@code endpoint_leases}, each an op the writer may group with others. A lease is held while {@code now} is
 * before its end.
 */
final class DeliveryTables {
    private static final String INSERT_DELIVERY = "INSERT INTO deliveries (id, event_id, endpoint, event_json, state,"
            + " attempts, next_attempt_at, accepted_at, finished_at, lease_owner, lease_until)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RENEW = "UPDATE deliveries SET lease_until = ?"
            + " WHERE id = ? AND lease_owner = ? AND state = 'PENDING'";
    private static final String RELEASE = "UPDATE deliveries SET lease_owner = NULL, lease_until = NULL"
            + " WHERE id = ? AND lease_owner = ?";
    // Only a pending delivery moves: a late answer after another node ended it leaves it as it is.
    private static final String AFTER_ATTEMPT = "UPDATE deliveries SET"
            + " attempts = CASE WHEN attempts < ? THEN ? ELSE attempts END,"
            + " last_error = ?,"
            + " next_attempt_at = CASE WHEN state = 'PENDING' THEN ? ELSE next_attempt_at END,"
            + " finished_at = CASE WHEN state = 'PENDING' THEN ? ELSE finished_at END,"
            + " lease_owner = CASE WHEN state = 'PENDING' THEN NULL ELSE lease_owner END,"
            + " lease_until = CASE WHEN state = 'PENDING' THEN NULL ELSE lease_until END,"
            + " state = CASE WHEN state = 'PENDING' THEN ? ELSE state END"
            + " WHERE id = ?";
    // Inserted only when its delivery exists, so that a stray attempt fails its caller alone, not a whole group.
    private static final String INSERT_ATTEMPT = "INSERT INTO attempts (delivery_id, attempt, started_at, latency_ms,"
            + " status_code, error, outcome, response_body, next_attempt_at)"
            + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = ?)";
    private static final String FINAL = "UPDATE deliveries SET"
            + " last_error = CASE WHEN state = 'PENDING' THEN ? ELSE last_error END,"
            + " finished_at = CASE WHEN state = 'PENDING' THEN ? ELSE finished_at END,"
            + " next_attempt_at = CASE WHEN state = 'PENDING' THEN NULL ELSE next_attempt_at END,"
            + " lease_owner = CASE WHEN state = 'PENDING' THEN NULL ELSE lease_owner END,"
            + " lease_until = CASE WHEN state = 'PENDING' THEN NULL ELSE lease_until END,"
            + " state = CASE WHEN state = 'PENDING' THEN ? ELSE state END"
            + " WHERE id = ?";
    private static final String TAKE_ENDPOINT = "INSERT INTO endpoint_leases (endpoint, owner, lease_until)"
            + " VALUES (?, ?, ?)"
            + " ON CONFLICT (endpoint) DO UPDATE SET owner = excluded.owner, lease_until = excluded.lease_until"
            + " WHERE endpoint_leases.lease_until <= ? OR endpoint_leases.owner = excluded.owner";
    private static final String HELD_ENDPOINTS = "SELECT endpoint FROM endpoint_leases"
            + " WHERE owner = ? AND lease_until > ?";
    private static final String PURGE = "DELETE FROM deliveries WHERE state <> 'PENDING' AND finished_at < ?";
    private static final Comparator<DeliveryRow> OLDEST_DUE_FIRST =
            Comparator.comparing(DeliveryRow::nextAttemptAt).thenComparingLong(DeliveryRow::seq);

    private final Dialect dialect;
    private final Clock clock;
    private final EventJson json;
    private final String leaseDue;

    DeliveryTables(Dialect dialect, Clock clock, EventJson json) {
        this.dialect = dialect;
        this.clock = clock;
        this.json = json;
        this.leaseDue = "WITH due AS (SELECT id FROM deliveries"
                + " WHERE state = 'PENDING' AND next_attempt_at <= ? AND (lease_owner IS NULL OR lease_until <= ?)"
                + " AND endpoint IN (SELECT endpoint FROM endpoint_leases WHERE owner = ? AND lease_until > ?)"
                + " ORDER BY next_attempt_at, " + dialect.sequenceColumn() + " LIMIT ?" + dialect.skipLocked() + ")"
                + " UPDATE deliveries SET lease_owner = ?, lease_until = ? WHERE id IN (SELECT id FROM due)"
                + " RETURNING " + DeliveryRow.columns(dialect);
    }

    /** Inserts the deliveries, leased to {@code node} when not null; their events are written as JSON at once. */
    Op<Void> append(List<StoredDelivery> deliveries, String node, Instant leaseUntil) {
        Map<Event, String> eventJson = new IdentityHashMap<>();
        List<String> ids = new ArrayList<>(deliveries.size());
        for (StoredDelivery d : deliveries) {
            eventJson.computeIfAbsent(d.event(), json::write);
            ids.add(d.deliveryId());
        }
        Op<Void> op = Op.of("append " + deliveries.size() + " deliveries", ids, batch -> {
            Instant now = clock.instant();
            for (StoredDelivery d : deliveries) {
                boolean pending = d.state() == StoredState.PENDING;
                boolean leased = pending && node != null;
                batch.add(INSERT_DELIVERY, ps -> {
                    ps.setString(1, d.deliveryId());
                    ps.setString(2, d.event().id());
                    ps.setString(3, d.endpointName());
                    ps.setString(4, eventJson.get(d.event()));
                    ps.setString(5, d.state().name());
                    ps.setInt(6, d.attempts());
                    dialect.setTime(ps, 7, pending ? dueTime(d) : null);
                    dialect.setTime(ps, 8, d.acceptedAt());
                    dialect.setTime(ps, 9, pending ? null : now);
                    setNullableString(ps, 10, leased ? node : null);
                    dialect.setTime(ps, 11, leased ? leaseUntil : null);
                });
            }
            return () -> null;
        });
        return op.failingWith(e -> dialect.isUniqueViolation(e)
                ? new IllegalArgumentException("a delivery of this append is stored already: " + e.getMessage(), e)
                : Op.couldNot("append " + deliveries.size() + " deliveries", e));
    }

    /** Leases due deliveries of the endpoints {@code node} holds; rows come back oldest due first. */
    Op<List<DeliveryRow>> leaseDue(String node, Instant now, Instant leaseUntil, int max) {
        return Op.direct("lease due deliveries", batch -> {
            List<DeliveryRow> rows = batch.now(c -> {
                try (PreparedStatement ps = c.prepareStatement(leaseDue)) {
                    dialect.setTime(ps, 1, now);
                    dialect.setTime(ps, 2, now);
                    ps.setString(3, node);
                    dialect.setTime(ps, 4, now);
                    ps.setInt(5, max);
                    ps.setString(6, node);
                    dialect.setTime(ps, 7, leaseUntil);
                    return readRows(ps);
                }
            });
            rows.sort(OLDEST_DUE_FIRST);
            return () -> rows;
        });
    }

    /** Takes or renews the named endpoints' leases where free, expired or {@code node}'s; returns those it holds. */
    Op<List<String>> leaseEndpoints(String node, List<String> endpointNames, Instant now, Instant leaseUntil) {
        return Op.direct("lease endpoints", batch -> {
            Set<String> held = batch.now(c -> {
                // One order for every node, so that two nodes taking the same endpoints never deadlock.
                try (PreparedStatement ps = c.prepareStatement(TAKE_ENDPOINT)) {
                    for (String name : new TreeSet<>(endpointNames)) {
                        ps.setString(1, name);
                        ps.setString(2, node);
                        dialect.setTime(ps, 3, leaseUntil);
                        dialect.setTime(ps, 4, now);
                        ps.executeUpdate();
                    }
                }
                Set<String> mine = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement(HELD_ENDPOINTS)) {
                    ps.setString(1, node);
                    dialect.setTime(ps, 2, now);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            mine.add(rs.getString(1));
                        }
                    }
                }
                return mine;
            });
            List<String> result = new ArrayList<>();
            for (String name : new LinkedHashSet<>(endpointNames)) {
                if (held.contains(name)) {
                    result.add(name);
                }
            }
            return () -> result;
        });
    }

    /** Extends {@code node}'s leases on those of the deliveries it still owns that are pending. */
    Op<Void> renew(String node, List<String> deliveryIds, Instant leaseUntil) {
        return Op.of("renew " + deliveryIds.size() + " leases", deliveryIds, batch -> {
            for (String id : deliveryIds) {
                batch.add(RENEW, ps -> {
                    dialect.setTime(ps, 1, leaseUntil);
                    ps.setString(2, id);
                    ps.setString(3, node);
                });
            }
            return () -> null;
        });
    }

    /** Gives up {@code node}'s leases on those of the deliveries it owns. */
    Op<Void> release(String node, List<String> deliveryIds) {
        return Op.of("release " + deliveryIds.size() + " leases", deliveryIds, batch -> {
            for (String id : deliveryIds) {
                batch.add(RELEASE, ps -> {
                    ps.setString(1, id);
                    ps.setString(2, node);
                });
            }
            return () -> null;
        });
    }

    /** Keeps the attempt and moves a pending delivery to {@code after}, releasing its lease. */
    Op<Void> recordAttempt(AttemptRecord a, StoredState after) {
        String id = a.deliveryId();
        return Op.of("record attempt " + a.attempt() + " of delivery '" + id + "'", List.of(id), batch -> {
            boolean pending = after == StoredState.PENDING;
            Instant now = clock.instant();
            Batch.QueuedRow updated = batch.add(AFTER_ATTEMPT, ps -> {
                ps.setInt(1, a.attempt());
                ps.setInt(2, a.attempt());
                setNullableString(ps, 3, StoredText.of(a.error()));
                dialect.setTime(ps, 4, pending ? dueAfter(a) : null);
                dialect.setTime(ps, 5, pending ? null : now);
                ps.setString(6, after.name());
                ps.setString(7, id);
            });
            batch.add(INSERT_ATTEMPT, ps -> {
                ps.setString(1, id);
                ps.setInt(2, a.attempt());
                dialect.setTime(ps, 3, a.startedAt());
                if (a.latency() == null) {
                    ps.setNull(4, Types.BIGINT);
                } else {
                    ps.setLong(4, a.latency().toMillis());
                }
                ps.setInt(5, a.statusCode());
                setNullableString(ps, 6, StoredText.of(a.error()));
                setNullableString(ps, 7, a.outcome() == null ? null : a.outcome().name());
                setNullableString(ps, 8, StoredText.capped(a.responseBody(), MAX_RESPONSE_BODY_CHARS));
                dialect.setTime(ps, 9, a.nextAttemptAt());
                ps.setString(10, id);
            });
            return () -> requireFound(updated, id);
        });
    }

    /** Ends a pending delivery as {@code state} without an attempt; an ended one stays as it is. */
    Op<Void> recordFinal(String deliveryId, StoredState state, String reason) {
        return Op.of("record the end of delivery '" + deliveryId + "'", List.of(deliveryId), batch -> {
            Instant now = clock.instant();
            Batch.QueuedRow updated = batch.add(FINAL, ps -> {
                setNullableString(ps, 1, StoredText.of(reason));
                dialect.setTime(ps, 2, now);
                ps.setString(3, state.name());
                ps.setString(4, deliveryId);
            });
            return () -> requireFound(updated, deliveryId);
        });
    }

    /** Makes dead deliveries accepted at or after {@code since} pending and due at {@code now}. */
    Op<Integer> replay(Instant since, String endpointName, Instant now) {
        String sql = "UPDATE deliveries SET state = 'PENDING', next_attempt_at = ?, finished_at = NULL,"
                + " lease_owner = NULL, lease_until = NULL WHERE state = 'DEAD' AND accepted_at >= ?"
                + (endpointName == null ? "" : " AND endpoint = ?");
        return Op.direct("replay dead deliveries", batch -> {
            int n = batch.now(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    dialect.setTime(ps, 1, now);
                    dialect.setTime(ps, 2, since);
                    if (endpointName != null) {
                        ps.setString(3, endpointName);
                    }
                    return ps.executeUpdate();
                }
            });
            return () -> n;
        });
    }

    /** Deletes ended deliveries, with their attempts, that ended before {@code before}. */
    Op<Integer> purge(Instant before) {
        return Op.direct("purge ended deliveries", batch -> {
            int n = batch.now(c -> {
                try (PreparedStatement ps = c.prepareStatement(PURGE)) {
                    dialect.setTime(ps, 1, before);
                    return ps.executeUpdate();
                }
            });
            return () -> n;
        });
    }

    private List<DeliveryRow> readRows(PreparedStatement ps) throws SQLException {
        List<DeliveryRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(DeliveryRow.read(rs, dialect));
            }
        }
        return rows;
    }

    /** When a pending delivery is due after an attempt: as the attempt says, or at once when it does not. */
    private static Instant dueAfter(AttemptRecord a) {
        return a.nextAttemptAt() != null ? a.nextAttemptAt() : a.startedAt();
    }

    private static Instant dueTime(StoredDelivery d) {
        return d.nextAttemptAt() != null ? d.nextAttemptAt() : d.acceptedAt();
    }

    private static Void requireFound(Batch.QueuedRow updated, String deliveryId) {
        if (updated.count() == 0) {
            throw new IllegalArgumentException("no delivery '" + deliveryId + "' is stored");
        }
        return null;
    }

    static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
