package dev.herald.transport.http;

import dev.herald.transport.http.internal.ConfigKeys;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the transport protects one endpoint, and itself from it: a circuit breaker, an optional rate limit, and a
 * bound on concurrent requests so that a slow endpoint holds its own requests back and no one else's.
 *
 * @param circuitBreaker when the circuit opens and how it recovers
 * @param rateLimit the most requests per period, or null for no limit
 * @param maxConcurrentRequests requests in flight at once to this endpoint, at least 1
 * @param maxQueuedRequests requests waiting for a slot (or for the circuit, or the rate limit) before new ones are
 *     turned away with a retryable error, at least 0
 * @param tlsInsecure trust any certificate and skip host name verification; for test receivers only, and
 *     logged as a warning at start-up
 */
public record EndpointPolicy(CircuitBreakerSettings circuitBreaker, RateLimit rateLimit, int maxConcurrentRequests,
        int maxQueuedRequests, boolean tlsInsecure) {

    /** The default circuit breaker, no rate limit, 64 concurrent and 10 000 queued requests, TLS verified. */
    public static final EndpointPolicy DEFAULT = builder().build();

    public EndpointPolicy {
        if (circuitBreaker == null) {
            throw new IllegalArgumentException("circuit_breaker: must be set");
        }
        ConfigKeys.requireAtLeast(maxConcurrentRequests, 1, "max_concurrent_requests");
        ConfigKeys.requireAtLeast(maxQueuedRequests, 0, "max_queued_requests");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().circuitBreaker(circuitBreaker).rateLimit(rateLimit)
                .maxConcurrentRequests(maxConcurrentRequests).maxQueuedRequests(maxQueuedRequests)
                .tlsInsecure(tlsInsecure);
    }

    /** Builds an {@link EndpointPolicy}, starting from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.DEFAULT;
        private Consumer<CircuitBreakerSettings.Builder> circuitBreakerChanges;
        private RateLimit rateLimit;
        private int maxConcurrentRequests = 64;
        private int maxQueuedRequests = 10_000;
        private boolean tlsInsecure;

        private Builder() {}

        public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
            this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuit_breaker");
            this.circuitBreakerChanges = null;
            return this;
        }

        /** Changes the circuit breaker's settings, starting from the current ones. */
        public Builder circuitBreaker(Consumer<CircuitBreakerSettings.Builder> changes) {
            this.circuitBreakerChanges = Objects.requireNonNull(changes, "changes");
            return this;
        }

        /** A rate limit, or null for none. */
        public Builder rateLimit(RateLimit rateLimit) {
            this.rateLimit = rateLimit;
            return this;
        }

        public Builder maxConcurrentRequests(int maxConcurrentRequests) {
            this.maxConcurrentRequests = maxConcurrentRequests;
            return this;
        }

        public Builder maxQueuedRequests(int maxQueuedRequests) {
            this.maxQueuedRequests = maxQueuedRequests;
            return this;
        }

        public Builder tlsInsecure(boolean tlsInsecure) {
            this.tlsInsecure = tlsInsecure;
            return this;
        }

        public EndpointPolicy build() {
            CircuitBreakerSettings cb = circuitBreaker;
            if (circuitBreakerChanges != null) {
                CircuitBreakerSettings.Builder b = cb.toBuilder();
                circuitBreakerChanges.accept(b);
                cb = b.build();
            }
            return new EndpointPolicy(cb, rateLimit, maxConcurrentRequests, maxQueuedRequests, tlsInsecure);
        }
    }
}
