package dev.herald.store.jdbc.internal;

import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.core.store.StoredState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Deliveries as operators list them: newest first, each with its attempts. */
final class DeliveryListing {
    /** Ids per attempts query, well under either database's limit on parameters. */
    private static final int IDS_PER_QUERY = 500;

    private final Dialect dialect;
    private final EventJson json;

    DeliveryListing(Dialect dialect, EventJson json) {
        this.dialect = dialect;
        this.json = json;
    }

    List<DeliveryRecord> list(Connection c, DeliveryQuery query) throws SQLException {
        List<DeliveryRow> rows = deliveries(c, query);
        Map<String, List<AttemptRecord>> attempts = attempts(c, rows);
        List<DeliveryRecord> records = new ArrayList<>(rows.size());
        for (DeliveryRow row : rows) {
            records.add(new DeliveryRecord(row.toStored(json), attempts.getOrDefault(row.id(), List.of()),
                    row.lastError()));
        }
        return records;
    }

    long count(Connection c, StoredState state) throws SQLException {
        String sql = "SELECT COUNT(*) FROM deliveries" + (state == null ? "" : " WHERE state = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (state != null) {
                ps.setString(1, state.name());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<DeliveryRow> deliveries(Connection c, DeliveryQuery query) throws SQLException {
        List<String> where = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (query.state() != null) {
            where.add("state = ?");
            values.add(query.state().name());
        }
        if (query.endpointName() != null) {
            where.add("endpoint = ?");
            values.add(query.endpointName());
        }
        String sql = "SELECT " + DeliveryRow.columns(dialect) + " FROM deliveries"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY accepted_at DESC, " + dialect.sequenceColumn() + " DESC LIMIT ?";
        List<DeliveryRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String v : values) {
                ps.setString(i++, v);
            }
            ps.setInt(i, query.limit());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(DeliveryRow.read(rs, dialect));
                }
            }
        }
        return rows;
    }

    private Map<String, List<AttemptRecord>> attempts(Connection c, List<DeliveryRow> rows) throws SQLException {
        Map<String, DeliveryRow> byId = new HashMap<>();
        for (DeliveryRow row : rows) {
            byId.put(row.id(), row);
        }
        Map<String, List<AttemptRecord>> attempts = new HashMap<>();
        for (int from = 0; from < rows.size(); from += IDS_PER_QUERY) {
            List<DeliveryRow> chunk = rows.subList(from, Math.min(rows.size(), from + IDS_PER_QUERY));
            String sql = "SELECT delivery_id, attempt, started_at, latency_ms, status_code, error, outcome,"
                    + " response_body, next_attempt_at FROM attempts WHERE delivery_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")"
                    + " ORDER BY attempt, " + dialect.sequenceColumn();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i).id());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        DeliveryRow d = byId.get(rs.getString("delivery_id"));
                        attempts.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(attempt(rs, d));
                    }
                }
            }
        }
        return attempts;
    }

    private AttemptRecord attempt(ResultSet rs, DeliveryRow d) throws SQLException {
        long latency = rs.getLong("latency_ms");
        Duration latencyOrNull = rs.wasNull() ? null : Duration.ofMillis(latency);
        String outcome = rs.getString("outcome");
        return new AttemptRecord(d.id(), d.eventId(), d.endpoint(), rs.getInt("attempt"),
                dialect.getTime(rs, "started_at"), latencyOrNull, rs.getInt("status_code"), rs.getString("error"),
                outcome == null ? null : OutcomeClass.valueOf(outcome), rs.getString("response_body"),
                dialect.getTime(rs, "next_attempt_at"));
    }
}
