package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.DispatcherSettings;
import dev.herald.core.store.DeliveryOutbox;
import java.time.Duration;
import java.util.Objects;

/**
 * How a dispatcher uses its delivery store: the store and the settings of its side of it, taken from
 * {@link DispatcherSettings}, which checked them.
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
    }

    /** The store's side of checked dispatcher settings. */
    public static StoreSettings of(DeliveryOutbox store, DispatcherSettings settings) {
        return new StoreSettings(store, settings.node(), settings.leaseDuration(), settings.pollInterval(),
                settings.retention(), settings.storeTimeout());
    }

    /**
     * How much of an endpoint's lease must be left for an attempt to start: one renewal period, so that attempts
     * in flight have that long to end before the lease can pass to another node.
     */
    public Duration sendMargin() {
        return leaseDuration.dividedBy(3);
    }
}
