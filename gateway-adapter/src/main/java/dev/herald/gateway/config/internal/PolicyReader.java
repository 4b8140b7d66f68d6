package dev.herald.gateway.config.internal;

import dev.herald.transport.http.CircuitBreakerSettings;
import dev.herald.transport.http.EndpointPolicy;
import dev.herald.transport.http.RateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads a webhook's transport protection: {@code rate_limit}, {@code circuit_breaker} and {@code tls_insecure}, on
 * top of the transport's defaults. How many attempts are in flight to it is the block's
 * {@code max_in_flight_per_endpoint}, which the dispatcher alone enforces.
 */
final class PolicyReader {
    static final List<String> WEBHOOK_KEYS = KnownKeys.POLICY;
    private static final List<String> BREAKER_KEYS = KnownKeys.BREAKER;
    private static final long MAX_MILLIS = Fields.MAX_SECONDS * 1000;

    private PolicyReader() {}

    /** The endpoint's own policy, or empty when it sets none of these keys (or when they are invalid). */
    static Optional<EndpointPolicy> read(Fields webhook) {
        if (WEBHOOK_KEYS.stream().noneMatch(webhook::has)) {
            return Optional.empty();
        }
        Problems problems = webhook.problems();
        int before = problems.count();
        EndpointPolicy defaults = EndpointPolicy.DEFAULT;
        Optional<Integer> rate = webhook.optionalInteger("rate_limit", 1, Integer.MAX_VALUE);
        boolean insecure = webhook.bool("tls_insecure", false);
        if (insecure) {
            problems.warn(webhook.path("tls_insecure"), "the receiver's certificate and host name are not verified:"
                    + " anyone on the path can read this webhook's deliveries and answer in its place");
        }
        CircuitBreakerSettings breaker = breaker(webhook, defaults.circuitBreaker());
        if (problems.count() != before) {
            return Optional.empty();
        }
        try {
            return Optional.of(defaults.toBuilder().circuitBreaker(breaker)
                    .rateLimit(rate.map(RateLimit::perSecond).orElse(null))
                    .tlsInsecure(insecure).build());
        } catch (IllegalArgumentException e) {
            problems.addRelative(webhook.path(), e.getMessage());
            return Optional.empty();
        }
    }

    private static CircuitBreakerSettings breaker(Fields webhook, CircuitBreakerSettings defaults) {
        if (!webhook.has("circuit_breaker")) {
            return defaults;
        }
        Fields cb = Fields.of(webhook.raw("circuit_breaker"), webhook.path("circuit_breaker"), webhook.problems())
                .orElse(null);
        if (cb == null) {
            return defaults;
        }
        cb.rejectUnknown(BREAKER_KEYS);
        int before = webhook.problems().count();
        int window = cb.integer("sliding_window_size", defaults.slidingWindowSize(), 1, Integer.MAX_VALUE);
        // A smaller window alone must not clash with the default minimum the operator never wrote.
        int minimumCalls = cb.integer("minimum_number_of_calls", Math.min(defaults.minimumNumberOfCalls(), window),
                1, Integer.MAX_VALUE);
        CircuitBreakerSettings.Builder b = defaults.toBuilder()
                .consecutiveFailures(cb.integer("consecutive_failures", defaults.consecutiveFailures(), 1,
                        Integer.MAX_VALUE))
                .failureRateThreshold((float) cb.decimal("failure_rate_threshold", defaults.failureRateThreshold(),
                        0, 100, true))
                .slidingWindowSize(window)
                .minimumNumberOfCalls(minimumCalls)
                .waitInOpenState(Duration.ofMillis(cb.integer("wait_in_open_state",
                        (int) defaults.waitInOpenState().toMillis(), 1, MAX_MILLIS)))
                .halfOpenProbes(cb.integer("half_open_probes", defaults.halfOpenProbes(), 1, Integer.MAX_VALUE));
        if (webhook.problems().count() != before) {
            return defaults;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // Cross-field rules (minimum_number_of_calls within sliding_window_size) live in the settings.
            webhook.problems().addRelative(webhook.path(), e.getMessage());
            return defaults;
        }
    }
}
