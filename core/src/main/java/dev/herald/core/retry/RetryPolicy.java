package dev.herald.core.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How often and how long to wait before trying a delivery again.
 *
 * <p>The defaults are the seed plugin's: 3 retries, a base delay of 1000 ms, the delay before retry {@code i}
 * (0-based) being {@code base * 2^i}, no jitter, no cap. Herald adds a cap on a single delay, jitter from an
 * injected random source, and {@code Retry-After}, honoured up to its own cap and never shortening the backoff.
 *
 * @param retryAttempts retries after the first attempt, 0..10
 * @param baseDelay the first retry's delay, 100 ms..60 s
 * @param maxDelay the longest single backoff delay
 * @param jitter the fraction of each delay that is random, 0..1: a delay {@code d} becomes uniform in
 *     {@code [d * (1 - jitter), d]}, so jitter spreads retries without ever exceeding the cap
 * @param maxRetryAfter the longest {@code Retry-After} that is honoured; longer requests wait this long
 */
public record RetryPolicy(int retryAttempts, Duration baseDelay, Duration maxDelay, double jitter,
        Duration maxRetryAfter) {

    // Declared before DEFAULT: the builder reads it while DEFAULT is initialised.
    private static final Duration NO_CAP = Duration.ofDays(365);

    /** The seed's defaults. */
    public static final RetryPolicy DEFAULT = builder().build();

    public RetryPolicy {
        if (retryAttempts < 0 || retryAttempts > 10) {
            throw new IllegalArgumentException("retry_attempts: must be between 0 and 10, got " + retryAttempts);
        }
        long baseMs = baseDelay == null ? -1 : baseDelay.toMillis();
        if (baseMs < 100 || baseMs > 60_000) {
            throw new IllegalArgumentException("retry_delay: must be between 100 and 60000 ms, got " + baseMs);
        }
        if (maxDelay == null || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException(
                    "max_retry_delay: must be at least retry_delay (" + baseMs + " ms), got " + maxDelay);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("retry_jitter: must be between 0 and 1, got " + jitter);
        }
        if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("max_retry_after: must be zero or more, got " + maxRetryAfter);
        }
    }

    /** A builder starting from the seed's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Attempts in all: the first and every retry. */
    public int maxAttempts() {
        return retryAttempts + 1;
    }

    /** The backoff before retry {@code retryIndex} (0-based): {@code base * 2^i}, capped, without jitter. */
    public Duration backoff(int retryIndex) {
        if (retryIndex < 0) {
            throw new IllegalArgumentException("retry index must be >= 0, got " + retryIndex);
        }
        long base = baseDelay.toMillis();
        // 60 000 ms * 2^40 still fits a long; beyond that the cap has long been reached.
        long ms = retryIndex >= 40 ? Long.MAX_VALUE : base << retryIndex;
        return ms >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(ms);
    }

    /** The whole schedule without jitter: the delay before each retry, in order. */
    public List<Duration> schedule() {
        List<Duration> out = new ArrayList<>(retryAttempts);
        for (int i = 0; i < retryAttempts; i++) {
            out.add(backoff(i));
        }
        return out;
    }

    /**
     * The delay before retry {@code retryIndex}: the backoff with jitter, or the endpoint's {@code Retry-After}
     * (capped at {@link #maxRetryAfter()}) when that is longer.
     *
     * @param retryAfter what the endpoint asked for, or null
     * @param random the jitter's source; unused when jitter is 0
     */
    public Duration delayBeforeRetry(int retryIndex, Duration retryAfter, RandomGenerator random) {
        Duration d = backoff(retryIndex);
        if (jitter > 0) {
            long ms = d.toMillis();
            long spread = (long) Math.floor(ms * jitter);
            d = Duration.ofMillis(ms - (spread == 0 ? 0 : random.nextLong(spread + 1)));
        }
        if (retryAfter != null && !retryAfter.isNegative()) {
            Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            if (asked.compareTo(d) > 0) {
                d = asked;
            }
        }
        return d;
    }

    /** Whether a delivery that has made {@code attemptsMade} attempts may make another. */
    public boolean canRetryAfter(int attemptsMade) {
        return attemptsMade < maxAttempts();
    }

    /** Builds a {@link RetryPolicy}; {@link #build()} validates and names the offending key. */
    public static final class Builder {
        private int retryAttempts = 3;
        private Duration baseDelay = Duration.ofMillis(1000);
        private Duration maxDelay = NO_CAP;
        private double jitter;
        private Duration maxRetryAfter = Duration.ofMinutes(10);

        private Builder() {}

        public Builder retryAttempts(int retryAttempts) {
            this.retryAttempts = retryAttempts;
            return this;
        }

        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = baseDelay;
            return this;
        }

        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
            return this;
        }

        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(retryAttempts, baseDelay, maxDelay, jitter, maxRetryAfter);
        }
    }
}
