package dev.herald.transport.http;

import dev.herald.transport.http.internal.ConfigKeys;
import java.time.Duration;

/**
 * A cap on how often one endpoint is called: at most {@code permits} requests start in each {@code period}.
 * Requests over the cap wait for the next free slot as long as their deadline allows; one whose slot would come
 * only after its deadline is refused at once as {@code OVERLOADED}, and takes no slot.
 *
 * @param permits requests allowed per period, at least 1
 * @param period the refresh period, at least 1 ms
 */
public record RateLimit(int permits, Duration period) {

    public RateLimit {
        ConfigKeys.requireAtLeast(permits, 1, "rate_limit.permits");
        ConfigKeys.requirePositive(period, "rate_limit.period");
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("rate_limit.period: must be at least 1 ms, got " + period);
        }
    }

    /** At most {@code requests} requests per second. */
    public static RateLimit perSecond(int requests) {
        return new RateLimit(requests, Duration.ofSeconds(1));
    }
}
