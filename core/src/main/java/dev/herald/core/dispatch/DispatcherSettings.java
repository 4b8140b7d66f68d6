package dev.herald.core.dispatch;

import dev.herald.core.event.EventIds;
import java.time.Duration;

/**
 * A dispatcher's configuration, checked once: every default and every check is here, and
 * {@link Dispatcher.Builder} only passes values on. Built with {@link #builder()}; the canonical constructor
 * checks too, so that no unchecked settings exist.
 *
 * <p>The store's settings (node, lease, poll interval, retention, store timeout) are checked whether or not a
 * {@link dev.herald.core.store.DeliveryOutbox} is configured, so that a mistake shows at once rather than the day a
 * store is added.
 *
 * @param capacity the most deliveries outstanding at once, queued, in flight or waiting for a retry; an event
 *     that does not fit is refused at once. At least 1; {@value #DEFAULT_CAPACITY} by default
 * @param maxInFlightPerEndpoint the most attempts in flight at once to one endpoint; the rest wait in that
 *     endpoint's queue. At least 1; {@value #DEFAULT_MAX_IN_FLIGHT_PER_ENDPOINT} by default
 * @param node this node's id in the store's leases; keep one per running process. Not blank; by default a random
 *     one, made when the settings are built
 * @param leaseDuration how long the store's leases last unless renewed; renewed every third of it, and an attempt
 *     starts only while at least a third is left, so that it has that long to end before the endpoint may pass to
 *     another node: keep it at least three times the longest endpoint timeout. Positive; 30 seconds by default
 *     ({@link #DEFAULT_LEASE_DURATION})
 * @param pollInterval how often the relay looks in the store for due deliveries. Positive; 250 ms by default
 *     ({@link #DEFAULT_POLL_INTERVAL})
 * @param retention how long delivered and dead deliveries stay in the store, purged every hour. Positive; 7 days
 *     by default ({@link #DEFAULT_RETENTION})
 * @param storeTimeout how long the store has to hold an event's deliveries before the event is refused (the most
 *     {@code dispatchAndAwait} waits), and {@code close} for the store to take back what it releases. Positive
 *     and at most a third of the lease; 5 seconds by default ({@link #DEFAULT_STORE_TIMEOUT}), or a third of a lease
 *     shorter than 15 seconds
 */
public record DispatcherSettings(int capacity, int maxInFlightPerEndpoint, String node, Duration leaseDuration,
        Duration pollInterval, Duration retention, Duration storeTimeout) {
    /** The default {@link #capacity()}. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** The default {@link #maxInFlightPerEndpoint()}. */
    public static final int DEFAULT_MAX_IN_FLIGHT_PER_ENDPOINT = 64;
    /** The default {@link #leaseDuration()}. */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(30);
    /** The default {@link #pollInterval()}. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
    /** The default {@link #retention()}. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** The default {@link #storeTimeout()}. */
    public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofSeconds(5);

    /** Checks every setting, naming the offending key and value. */
    public DispatcherSettings {
        requireAtLeastOne("capacity", capacity);
        requireAtLeastOne("max_in_flight_per_endpoint", maxInFlightPerEndpoint);
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("node: must not be blank");
        }
        requirePositive("lease_duration", leaseDuration);
        requirePositive("poll_interval", pollInterval);
        requirePositive("retention", retention);
        requirePositive("store_timeout", storeTimeout);
        if (storeTimeout.compareTo(leaseDuration.dividedBy(3)) > 0) {
            throw new IllegalArgumentException("store_timeout: must be at most a third of lease_duration ("
                    + leaseDuration + "), got " + storeTimeout);
        }
    }

    /** Settings starting from every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings (the node included). */
    public Builder toBuilder() {
        return new Builder().capacity(capacity).maxInFlightPerEndpoint(maxInFlightPerEndpoint).node(node)
                .leaseDuration(leaseDuration).pollInterval(pollInterval).retention(retention)
                .storeTimeout(storeTimeout);
    }

    private static Duration defaultStoreTimeout(Duration lease) {
        if (lease == null || lease.isNegative() || lease.isZero()) {
            return DEFAULT_STORE_TIMEOUT; // the constructor names the lease as the culprit
        }
        Duration third = lease.dividedBy(3);
        return third.compareTo(DEFAULT_STORE_TIMEOUT) < 0 ? third : DEFAULT_STORE_TIMEOUT;
    }

    private static void requireAtLeastOne(String key, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(key + ": must be at least 1, got " + n);
        }
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be positive, got " + d);
        }
    }

    /**
     * Builds {@link DispatcherSettings}, starting from the defaults; nothing is checked until {@link #build()}, so
     * that settings may be given in any order.
     */
    public static final class Builder {
        private int capacity = DEFAULT_CAPACITY;
        private int maxInFlightPerEndpoint = DEFAULT_MAX_IN_FLIGHT_PER_ENDPOINT;
        private String node;
        private Duration leaseDuration = DEFAULT_LEASE_DURATION;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration retention = DEFAULT_RETENTION;
        // Null until set: the default then follows the lease (see build()).
        private Duration storeTimeout;

        private Builder() {}

        /** See {@link DispatcherSettings#capacity()}. */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /** See {@link DispatcherSettings#maxInFlightPerEndpoint()}. */
        public Builder maxInFlightPerEndpoint(int maxInFlightPerEndpoint) {
            this.maxInFlightPerEndpoint = maxInFlightPerEndpoint;
            return this;
        }

        /** See {@link DispatcherSettings#node()}; null for a random one. */
        public Builder node(String node) {
            this.node = node;
            return this;
        }

        /** See {@link DispatcherSettings#leaseDuration()}. */
        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = leaseDuration;
            return this;
        }

        /** See {@link DispatcherSettings#pollInterval()}. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        /** See {@link DispatcherSettings#retention()}. */
        public Builder retention(Duration retention) {
            this.retention = retention;
            return this;
        }

        /** See {@link DispatcherSettings#storeTimeout()}. */
        public Builder storeTimeout(Duration storeTimeout) {
            this.storeTimeout = storeTimeout;
            return this;
        }

        /**
         * Checks and builds the settings; the first setting that is wrong fails it, named with its value. A store
         * timeout not given is {@link #DEFAULT_STORE_TIMEOUT}, or a third of a lease so short that the default would
         * outlast it.
         */
        public DispatcherSettings build() {
            String nodeId = node != null ? node : EventIds.next("node_");
            return new DispatcherSettings(capacity, maxInFlightPerEndpoint, nodeId, leaseDuration, pollInterval,
                    retention, storeTimeout != null ? storeTimeout : defaultStoreTimeout(leaseDuration));
        }
    }
}
