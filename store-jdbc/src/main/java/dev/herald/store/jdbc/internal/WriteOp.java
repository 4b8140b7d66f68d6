package dev.herald.store.jdbc.internal;

import java.sql.SQLException;
import java.util.Collection;

/**
 * One call's writes, applied by the writer inside a transaction it may share with other calls. Applying must
 * depend only on the database: when a shared transaction fails, each op is applied again alone.
 *
 * @param <T> what the call returns
 */
interface WriteOp<T> {

    /** How many rows it writes, which the writer counts towards a group's size. */
    int rows();

    /** The deliveries it writes; two ops that share one are never in one JDBC batch, so that order holds. */
    Collection<String> deliveryIds();

    /** Queues its statements on the batch, or runs them at once; returns what gives its result after commit. */
    Result<T> apply(Batch batch) throws SQLException;

    /** What the call fails with when the database refused the op applied alone. */
    RuntimeException failure(SQLException cause);

    /** The result of an applied op, read once the batch has run; it may reject what the rows counted. */
    @FunctionalInterface
    interface Result<T> {
        T get();
    }
}
