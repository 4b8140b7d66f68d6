package dev.herald.core.retry;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyPropertiesTest {

    @Test
    void everyDelayLiesBetweenTheJitteredBackoffAndTheCap() {
        qt().forAll(integers().between(100, 60_000), integers().between(0, 10), integers().between(0, 100),
                longs().between(100, 10_000_000))
                .checkAssert((base, retry, jitterPercent, cap) -> {
                    long capMs = Math.max(cap, base);
                    double jitter = jitterPercent / 100.0;
                    RetryPolicy p = RetryPolicy.builder().retryAttempts(10).baseDelay(Duration.ofMillis(base))
                            .maxDelay(Duration.ofMillis(capMs)).jitter(jitter).build();
                    long backoff = Math.min((long) base << retry, capMs);
                    long delay = p.delayBeforeRetry(retry, null, new SplittableRandom(retry * 31L + base))
                            .toMillis();
                    if (delay > backoff || delay < (long) Math.floor(backoff * (1 - jitter)) - 1 || delay < 0) {
                        throw new AssertionError("delay " + delay + " outside [" + backoff * (1 - jitter) + ", "
                                + backoff + "]");
                    }
                });
    }

    @Test
    void backoffNeverShrinksFromOneRetryToTheNext() {
        qt().forAll(integers().between(100, 60_000), integers().between(0, 9), longs().between(100, 100_000_000))
                .checkAssert((base, retry, cap) -> {
                    RetryPolicy p = RetryPolicy.builder().retryAttempts(10).baseDelay(Duration.ofMillis(base))
                            .maxDelay(Duration.ofMillis(Math.max(cap, base))).build();
                    if (p.backoff(retry + 1).compareTo(p.backoff(retry)) < 0) {
                        throw new AssertionError("backoff shrank at retry " + retry);
                    }
                });
    }

    @Test
    void retryAfterIsHonouredUpToItsCapAndNeverBelowTheBackoff() {
        qt().forAll(integers().between(0, 10), longs().between(0, 100_000_000))
                .checkAssert((retry, askedMs) -> {
                    RetryPolicy p = RetryPolicy.builder().retryAttempts(10).baseDelay(Duration.ofMillis(100))
                            .maxRetryAfter(Duration.ofMinutes(1)).build();
                    long d = p.delayBeforeRetry(retry, Duration.ofMillis(askedMs), () -> 0L).toMillis();
                    long expected = Math.max(p.backoff(retry).toMillis(), Math.min(askedMs, 60_000));
                    if (d != expected) {
                        throw new AssertionError("expected " + expected + ", got " + d);
                    }
                });
    }
}
