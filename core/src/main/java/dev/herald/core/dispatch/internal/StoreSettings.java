package dev.herald.core.dispatch.internal;

import dev.herald.core.store.DeliveryOutbox;
import java.time.Duration;
import java.util.Objects;

/**
 * How a dispatcher uses its delivery store, checked once.
 *
 * @param store the store
 * @param node this node's id in the store's leases
 * @param leaseDuration how long a lease lasts unless renewed; renewed every third of it
 * @param pollInterval how often the relay looks for due deliveries
 * @param retention how long ended deliveries are kept
 * @param timeout how long the store has to confirm an append before the event is refused, and {@code close} a release
 */
public record StoreSettings(DeliveryOutbox store, String node, Duration leaseDuration, Duration pollInterval,
        Duration retention, Duration timeout) {

    public StoreSettings {
        Objects.requireNonNull(store, "store");
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("node: must not be blank");
        }
        requirePositive("lease_duration", leaseDuration);
        requirePositive("poll_interval", pollInterval);
        requirePositive("retention", retention);
        requirePositive("store_timeout", timeout);
        if (timeout.compareTo(leaseDuration.dividedBy(3)) > 0) {
            throw new IllegalArgumentException("store_timeout: must be at most a third of lease_duration ("
                    + leaseDuration + "), got " + timeout);
        }
    }

    /**
     * How much of an endpoint's lease must be left for an attempt to start: one renewal period, so that attempts
     * in flight have that long to end before the lease can pass to another node.
     */
    public Duration sendMargin() {
        return leaseDuration.dividedBy(3);
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be positive, got " + d);
        }
    }
}
