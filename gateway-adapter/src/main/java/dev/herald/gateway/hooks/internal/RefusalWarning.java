package dev.herald.gateway.hooks.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A warning that events are being refused, at most one per period, each carrying how many were refused since the
 * one before: under overload the hook refuses thousands a second, and a line for each would bury the log.
 */
public final class RefusalWarning {
    private final Logger log;
    private final String what;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private long refusedSinceWarning;
    private long refusedInAll;
    private long lastWarningAt;
    private boolean warnedOnce;

    /**
     * @param log where the warnings go
     * @param what why the events were refused, as the warning's subject
     * @param period at most one warning per period
     * @param nanoClock a monotonic clock in nanoseconds, as {@link System#nanoTime}
     */
    public RefusalWarning(Logger log, String what, Duration period, LongSupplier nanoClock) {
        this.log = Objects.requireNonNull(log, "log");
        this.what = Objects.requireNonNull(what, "what");
        this.periodNanos = period.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Counts one refused event; warns when the period since the last warning has passed (or at the first). */
    public void refused(String eventType) {
        long sinceLast;
        long inAll;
        synchronized (this) {
            refusedSinceWarning++;
            refusedInAll++;
            long now = nanoClock.getAsLong();
            if (warnedOnce && now - lastWarningAt < periodNanos) {
                return;
            }
            warnedOnce = true;
            lastWarningAt = now;
            sinceLast = refusedSinceWarning;
            inAll = refusedInAll;
            refusedSinceWarning = 0;
        }
        log.warn("herald: {}: {} events refused since the last warning ({} in all, the latest a {}); the gateway"
                + " goes on (continue_processing: true) but these events send no webhook", what, sinceLast, inAll,
                eventType);
    }
}
