package dev.herald.transport.http;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the transport protects one endpoint: a circuit breaker and an optional rate limit.
 *
 * <p>How many attempts are in flight to an endpoint at once is the dispatcher's business alone
 * ({@code max_in_flight_per_endpoint}): the transport neither bounds them again nor keeps a queue of its own, so
 * at most that many attempts wait here for the circuit or the rate limit.
 *
 * @param circuitBreaker when the circuit opens and how it recovers
 * @param rateLimit the most requests per period, or null for no limit
 * @param tlsInsecure trust any certificate and skip host name verification; for test receivers only, and
 *     logged as a warning at start-up
 */
public record EndpointPolicy(CircuitBreakerSettings circuitBreaker, RateLimit rateLimit, boolean tlsInsecure) {

    /** The default circuit breaker, no rate limit, TLS verified. */
    public static final EndpointPolicy DEFAULT = builder().build();

    public EndpointPolicy {
        if (circuitBreaker == null) {
            throw new IllegalArgumentException("circuit_breaker: must be set");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().circuitBreaker(circuitBreaker).rateLimit(rateLimit).tlsInsecure(tlsInsecure);
    }

    /** Builds an {@link EndpointPolicy}, starting from the defaults; {@link #build()} validates. */
    public static final class Builder {
        private CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.DEFAULT;
        private Consumer<CircuitBreakerSettings.Builder> circuitBreakerChanges;
        private RateLimit rateLimit;
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
            return new EndpointPolicy(cb, rateLimit, tlsInsecure);
        }
    }
}
