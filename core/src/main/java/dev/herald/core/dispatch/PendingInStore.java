package dev.herald.core.dispatch;

import dev.herald.core.store.StoredDelivery;
import java.util.List;

/**
 * What a closing dispatcher left pending in its delivery store, read back from the store once every write of the
 * close had landed: exactly what {@code herald deliveries list --status pending} shows, attempts included. With a
 * shared store it is every node's.
 *
 * @param count how many deliveries are pending
 * @param listed the newest of them, at most {@link #MAX_LISTED}, each with its attempts so far
 * @param unreadable why the store could not be read, or null when it was: then count is 0 and nothing is listed
 */
public record PendingInStore(long count, List<StoredDelivery> listed, String unreadable) {
    /** The most deliveries a report lists one by one; the count counts them all. */
    public static final int MAX_LISTED = 1000;

    public PendingInStore {
        listed = List.copyOf(listed);
    }

    /** A store that could not be read, and why. */
    public static PendingInStore unreadable(String reason) {
        return new PendingInStore(0, List.of(), reason);
    }
}
