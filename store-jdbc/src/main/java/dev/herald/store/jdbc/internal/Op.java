package dev.herald.store.jdbc.internal;

import dev.herald.store.jdbc.DeliveryStoreException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** A {@link WriteOp} from its parts. */
final class Op<T> implements WriteOp<T> {
    private final int rows;
    private final Collection<String> deliveryIds;
    private final Apply<T> apply;
    private final Function<SQLException, RuntimeException> failure;

    private Op(int rows, Collection<String> deliveryIds, Apply<T> apply,
            Function<SQLException, RuntimeException> failure) {
        this.rows = rows;
        this.deliveryIds = deliveryIds;
        this.apply = apply;
        this.failure = failure;
    }

    /** An op writing {@code deliveryIds}, one row each, that fails saying it could not {@code what}. */
    static <T> Op<T> of(String what, Collection<String> deliveryIds, Apply<T> apply) {
        return new Op<>(Math.max(1, deliveryIds.size()), deliveryIds, apply, e -> couldNot(what, e));
    }

    /** An op that runs its statements at once and writes no delivery another op could be batched with. */
    static <T> Op<T> direct(String what, Apply<T> apply) {
        return of(what, List.of(), apply);
    }

    /** The same op, failing with {@code failure} instead. */
    Op<T> failingWith(Function<SQLException, RuntimeException> failure) {
        return new Op<>(rows, deliveryIds, apply, failure);
    }

    static DeliveryStoreException couldNot(String what, SQLException e) {
        return new DeliveryStoreException("the delivery store could not " + what + ": " + e.getMessage(), e);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public Collection<String> deliveryIds() {
        return deliveryIds;
    }

    @Override
    public Result<T> apply(Batch batch) throws SQLException {
        return apply.apply(batch);
    }

    @Override
    public RuntimeException failure(SQLException cause) {
        return failure.apply(cause);
    }

    /** What the op does to a batch. */
    @FunctionalInterface
    interface Apply<T> {
        Result<T> apply(Batch batch) throws SQLException;
    }
}
