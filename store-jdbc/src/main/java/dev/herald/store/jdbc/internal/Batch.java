package dev.herald.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of one transaction: rows queued per statement and run as JDBC batches, statements in the order
 * they were first used, so that inserting a row comes before updating it.
 */
final class Batch implements AutoCloseable {
    private final Connection connection;
    private final Map<String, Queued> queued = new LinkedHashMap<>();

    Batch(Connection connection) {
        this.connection = connection;
    }

    /** Binds one row of {@code sql} and queues it; its update count is known once the batch has run. */
    QueuedRow add(String sql, Binder binder) throws SQLException {
        Queued q = queued.get(sql);
        if (q == null) {
            q = new Queued(connection.prepareStatement(sql));
            queued.put(sql, q);
        }
        binder.bind(q.statement);
        q.statement.addBatch();
        QueuedRow row = new QueuedRow();
        q.rows.add(row);
        return row;
    }

    /** Runs what is queued, then {@code work} at once on the same connection. */
    <R> R now(Work<R> work) throws SQLException {
        flush();
        return work.run(connection);
    }

    /** Runs every queued row. */
    void flush() throws SQLException {
        for (Queued q : queued.values()) {
            if (q.rows.isEmpty()) {
                continue;
            }
            int[] counts = q.statement.executeBatch();
            for (int i = 0; i < q.rows.size(); i++) {
                q.rows.get(i).count = i < counts.length ? counts[i] : PreparedStatement.SUCCESS_NO_INFO;
            }
            q.rows.clear();
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (Queued q : queued.values()) {
            try {
                q.statement.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        queued.clear();
        if (first != null) {
            throw first;
        }
    }

    /** Sets one row's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Statements run at once on the batch's connection. */
    @FunctionalInterface
    interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    /** One queued row: how many rows its statement changed, once run. */
    static final class QueuedRow {
        private int count = -1;

        /** Rows changed; only meaningful after the batch has run. */
        int count() {
            return count;
        }
    }

    private static final class Queued {
        final PreparedStatement statement;
        final List<QueuedRow> rows = new ArrayList<>();

        Queued(PreparedStatement statement) {
            this.statement = statement;
        }
    }
}
