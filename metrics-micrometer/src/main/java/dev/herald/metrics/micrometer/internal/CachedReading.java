package dev.herald.metrics.micrometer.internal;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A value read at most once per period, for gauges: a scrape reads several gauges over one source (a backlog that
 * walks the deliveries held, a store's count that queries the database), and they share one reading. What the
 * source throws is kept from the scrape: the reading is then null until the next period.
 *
 * @param <T> what is read
 */
final class CachedReading<T> {
    /** How long the gauges' readings are kept: one reading serves a whole scrape. */
    static final Duration GAUGE_PERIOD = Duration.ofSeconds(1);

    private final Supplier<T> source;
    private final long periodNanos;
    private T value;
    private long readAt;
    private boolean read;

    CachedReading(Supplier<T> source, Duration period) {
        this.source = source;
        this.periodNanos = period.toNanos();
    }

    /** The last reading when it is younger than the period; otherwise a new one. Null when the source failed. */
    synchronized T get() {
        long now = System.nanoTime();
        if (!read || now - readAt >= periodNanos) {
            read = true;
            readAt = now;
            try {
                value = source.get();
            } catch (RuntimeException e) {
                value = null;
            }
        }
        return value;
    }
}
