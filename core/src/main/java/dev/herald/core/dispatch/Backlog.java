package dev.herald.core.dispatch;

import java.time.Duration;
import java.util.Map;

/**
 * What a dispatcher holds in memory that is not delivered yet, read when asked ({@link Dispatcher#backlog()}).
 * With a store, a retry waits in the store, not here: ask the store for what it holds.
 *
 * @param outstanding deliveries not yet ended: queued, in flight or waiting for a retry
 * @param inFlight attempts sent and not yet answered
 * @param waitingForRetry deliveries waiting in memory for a retry's time
 * @param queuedByEndpoint per endpoint name, the deliveries queued for a place in flight, every endpoint listed
 * @param oldestUndeliveredAge how long the oldest delivery not yet ended has waited since it was accepted; zero when
 *     there is none
 */
public record Backlog(long outstanding, long inFlight, long waitingForRetry, Map<String, Integer> queuedByEndpoint,
        Duration oldestUndeliveredAge) {
    public Backlog {
        queuedByEndpoint = Map.copyOf(queuedByEndpoint);
    }
}
