package dev.herald.transport.http;

import dev.herald.transport.http.internal.ConfigKeys;
import java.time.Duration;

/**
 * When one endpoint's circuit opens and how it recovers.
 *
 * <p>The circuit opens on whichever comes first: {@code consecutiveFailures} failures in a row, or a failure rate of
 * at least {@code failureRateThreshold} percent over the last {@code slidingWindowSize} calls once at least
 * {@code minimumNumberOfCalls} were made. The first rule catches a dead endpoint fast, the second a flaky one.
 * A failure is a network error, a timeout, or a 5xx, 408 or 429 answer; other 4xx answers are the request's
 * fault, not the endpoint's. While open, deliveries wait; after {@code waitInOpenState}, {@code halfOpenProbes}
 * requests go through and decide whether the circuit closes again.
 *
 * @param consecutiveFailures failures in a row that open the circuit, at least 1
 * @param failureRateThreshold the failure percentage that opens the circuit, in (0, 100]
 * @param slidingWindowSize how many recent calls the failure rate is computed over, at least 1
 * @param minimumNumberOfCalls calls needed before the rate counts, 1..slidingWindowSize
 * @param waitInOpenState how long the circuit stays open before probing
 * @param halfOpenProbes requests let through to probe a recovering endpoint, at least 1
 */
public record CircuitBreakerSettings(int consecutiveFailures, float failureRateThreshold, int slidingWindowSize,
        int minimumNumberOfCalls, Duration waitInOpenState, int halfOpenProbes) {

    /** 10 in a row or 50% of the last 50 calls (at least 20); 30 s open; 3 probes. */
    public static final CircuitBreakerSettings DEFAULT = builder().build();

    public CircuitBreakerSettings {
        ConfigKeys.requireAtLeast(consecutiveFailures, 1, "circuit_breaker.consecutive_failures");
        if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
            throw new IllegalArgumentException("circuit_breaker.failure_rate_threshold: must be a percentage in"
                    + " (0, 100], got " + failureRateThreshold);
        }
        ConfigKeys.requireAtLeast(slidingWindowSize, 1, "circuit_breaker.sliding_window_size");
        ConfigKeys.requireAtLeast(minimumNumberOfCalls, 1, "circuit_breaker.minimum_number_of_calls");
        if (minimumNumberOfCalls > slidingWindowSize) {
            throw new IllegalArgumentException("circuit_breaker.minimum_number_of_calls: must not exceed"
                    + " circuit_breaker.sliding_window_size (" + slidingWindowSize + "), got " + minimumNumberOfCalls);
        }
        ConfigKeys.requirePositive(waitInOpenState, "circuit_breaker.wait_in_open_state");
        if (waitInOpenState.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "circuit_breaker.wait_in_open_state: must be at least 1 ms, got " + waitInOpenState);
        }
        ConfigKeys.requireAtLeast(halfOpenProbes, 1, "circuit_breaker.half_open_probes");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().consecutiveFailures(consecutiveFailures).failureRateThreshold(failureRateThreshold)
                .slidingWindowSize(slidingWindowSize).minimumNumberOfCalls(minimumNumberOfCalls)
                .waitInOpenState(waitInOpenState).halfOpenProbes(halfOpenProbes);
    }

    /** Builds {@link CircuitBreakerSettings}, starting from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private int consecutiveFailures = 10;
        private float failureRateThreshold = 50f;
        private int slidingWindowSize = 50;
        private int minimumNumberOfCalls = 20;
        private Duration waitInOpenState = Duration.ofSeconds(30);
        private int halfOpenProbes = 3;

        private Builder() {}

        public Builder consecutiveFailures(int consecutiveFailures) {
            this.consecutiveFailures = consecutiveFailures;
            return this;
        }

        public Builder failureRateThreshold(float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
            return this;
        }

        public Builder slidingWindowSize(int slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
            return this;
        }

        public Builder minimumNumberOfCalls(int minimumNumberOfCalls) {
            this.minimumNumberOfCalls = minimumNumberOfCalls;
            return this;
        }

        public Builder waitInOpenState(Duration waitInOpenState) {
            this.waitInOpenState = waitInOpenState;
            return this;
        }

        public Builder halfOpenProbes(int halfOpenProbes) {
            this.halfOpenProbes = halfOpenProbes;
            return this;
        }

        public CircuitBreakerSettings build() {
            return new CircuitBreakerSettings(consecutiveFailures, failureRateThreshold, slidingWindowSize,
                    minimumNumberOfCalls, waitInOpenState, halfOpenProbes);
        }
    }
}
