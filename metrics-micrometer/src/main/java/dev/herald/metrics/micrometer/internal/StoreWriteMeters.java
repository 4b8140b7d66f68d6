package dev.herald.metrics.micrometer.internal;

import static dev.herald.metrics.micrometer.MeterNames.STORE;
import static dev.herald.metrics.micrometer.MeterNames.STORE_APPEND_DURATION;
import static dev.herald.metrics.micrometer.MeterNames.STORE_COMMIT_DURATION;
import static dev.herald.metrics.micrometer.MeterNames.STORE_COMMIT_SIZE;
import static dev.herald.metrics.micrometer.MeterNames.STORE_PENDING;

import dev.herald.core.store.DeliveryAdmin;
import dev.herald.core.store.StoreObservation;
import dev.herald.core.store.StoredState;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * One store's meters, tagged with its kind and registered once it is open, so that a kind that opens no store
 * (memory) shows none: its writes' and transactions' timings, and the deliveries pending in it as a gauge that
 * counts them in the store when scraped, at most once a second.
 */
final class StoreWriteMeters implements StoreObservation, AutoCloseable {
    private static final Duration MIN_COMMIT = Duration.ofNanos(100_000);
    private static final Duration MAX_COMMIT = Duration.ofSeconds(10);

    private final MeterRegistry registry;
    private final String kind;
    private volatile Meters meters;
    private Gauge pending;

    /** What is recorded for every write, registered together. */
    private record Meters(Timer append, Timer commit, DistributionSummary size) {}

    StoreWriteMeters(MeterRegistry registry, String kind) {
        this.registry = registry;
        this.kind = kind;
    }

    @Override
    public synchronized void opened(DeliveryAdmin store) {
        meters = new Meters(
                Timer.builder(STORE_APPEND_DURATION).tag(STORE, kind)
                        .description("Each write the store committed, from its call to its commit")
                        .register(registry),
                Timer.builder(STORE_COMMIT_DURATION).tag(STORE, kind)
                        .description("Each transaction the store's writer committed, its writes applied and committed")
                        .publishPercentileHistogram().minimumExpectedValue(MIN_COMMIT)
                        .maximumExpectedValue(MAX_COMMIT).register(registry),
                DistributionSummary.builder(STORE_COMMIT_SIZE).tag(STORE, kind)
                        .description("The writes each committed transaction held").register(registry));
        CachedReading<Long> count = new CachedReading<>(() -> store.count(StoredState.PENDING), CachedReading.GAUGE_PERIOD);
        if (pending != null) {
            registry.remove(pending);
        }
        pending = Gauge.builder(STORE_PENDING, count, c -> {
            Long n = c.get();
            return n == null ? Double.NaN : n;
        }).tag(STORE, kind).description("Deliveries pending in the store, for every node").strongReference(true)
                .register(registry);
    }

    @Override
    public void writeCommitted(Duration sinceCalled) {
        Meters m = meters;
        if (m != null) {
            m.append.record(sinceCalled);
        }
    }

    @Override
    public void transactionCommitted(int writes, Duration duration) {
        Meters m = meters;
        if (m != null) {
            m.commit.record(duration);
            m.size.record(writes);
        }
    }

    /** Removes the pending gauge, so that a registry that outlives the store never queries it closed. */
    @Override
    public synchronized void close() {
        if (pending != null) {
            registry.remove(pending);
            pending = null;
        }
    }
}
