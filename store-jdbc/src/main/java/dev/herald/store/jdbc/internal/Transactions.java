package dev.herald.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** Applying ops in one transaction, and running one op in a transaction of its own. */
final class Transactions {
    private static final int TRIES = 3;

    private Transactions() {}

    /**
     * Applies the ops in order on {@code connection}, batching their rows; an op that writes a delivery an earlier
     * op of the same JDBC batch writes starts a new one, so that each delivery sees its writes in order.
     */
    static List<WriteOp.Result<?>> apply(Connection connection, List<? extends WriteOp<?>> ops) throws SQLException {
        List<WriteOp.Result<?>> results = new ArrayList<>(ops.size());
        try (Batch batch = new Batch(connection)) {
            Set<String> inBatch = new HashSet<>();
            for (WriteOp<?> op : ops) {
                for (String id : op.deliveryIds()) {
                    if (inBatch.contains(id)) {
                        batch.flush();
                        inBatch.clear();
                        break;
                    }
                }
                inBatch.addAll(op.deliveryIds());
                results.add(op.apply(batch));
            }
            batch.flush();
        }
        return results;
    }

    /**
     * Runs {@code op} in a transaction of its own and returns its result, trying again when the database broke a
     * deadlock or a serialization conflict by aborting it.
     */
    static <T> T runAlone(DataSource dataSource, WriteOp<T> op) {
        return runAlone(dataSource, op, null, null);
    }

    /**
     * As {@link #runAlone(DataSource, WriteOp)}, each try bounded by what is left of {@code deadline} (from now)
     * as the dialect bounds a transaction's waits; unbounded when {@code deadline} is null.
     */
    static <T> T runAlone(DataSource dataSource, WriteOp<T> op, Dialect dialect, Duration deadline) {
        long end = deadline == null ? 0 : System.nanoTime() + deadline.toNanos();
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    if (deadline != null) {
                        dialect.boundWaits(c, Duration.ofNanos(Math.max(1_000_000, end - System.nanoTime())));
                    }
                    WriteOp.Result<?> result = apply(c, List.of(op)).get(0);
                    c.commit();
                    @SuppressWarnings("unchecked")
                    T value = (T) result.get();
                    return value;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    if (!(e instanceof SQLException sql) || !isTransient(sql) || attempt == TRIES) {
                        throw e;
                    }
                }
            } catch (SQLException e) {
                throw op.failure(e);
            }
        }
    }

    static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A deadlock or serialization failure: the same transaction may well pass when tried again. */
    private static boolean isTransient(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }
}
