package dev.herald.benchmarks.load;

import java.util.Locale;

/**
 * What a run achieved.
 *
 * @param deliveries deliveries of the timed run answered with 2xx
 * @param failed deliveries that did not end in 2xx, warm-up included, or were never sent
 * @param nanos from the timed run's first send to its last outcome
 */
public record LoadResult(long deliveries, long failed, long nanos) {

    /** Deliveries per second of the timed run. */
    public double perSecond() {
        return nanos <= 0 ? 0 : deliveries / (nanos / 1e9);
    }

    /** The driver's last line: {@code deliveries=<n> failed=<n> seconds=<s> per_second=<r>}. */
    public String line() {
        return String.format(Locale.ROOT, "deliveries=%d failed=%d seconds=%.3f per_second=%.0f", deliveries,
                failed, nanos / 1e9, perSecond());
    }

    /** Adds failures from outside the timed run (the warm-up). */
    public LoadResult plusFailed(long more) {
        return new LoadResult(deliveries, failed + more, nanos);
    }
}
