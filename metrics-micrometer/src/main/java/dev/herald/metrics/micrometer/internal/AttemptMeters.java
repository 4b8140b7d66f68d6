package dev.herald.metrics.micrometer.internal;

import dev.herald.core.dispatch.AttemptEnd;
import dev.herald.core.dispatch.AttemptObservation;
import io.micrometer.core.instrument.Counter;

/**
 * The observation of every attempt to one endpoint with one resend count: shared by all of them, so that observing
 * an attempt allocates nothing.
 */
final class AttemptMeters implements AttemptObservation {
    private final EndpointMeters endpoint;
    private final Counter attempts;

    AttemptMeters(EndpointMeters endpoint, Counter attempts) {
        this.endpoint = endpoint;
        this.attempts = attempts;
    }

    @Override
    public void ended(AttemptEnd end) {
        attempts.increment();
        endpoint.attemptEnded(end);
    }
}
