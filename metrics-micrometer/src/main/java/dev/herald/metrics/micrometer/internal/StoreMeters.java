package dev.herald.metrics.micrometer.internal;

import dev.herald.core.store.StoreObservation;
import dev.herald.core.store.StoreObserver;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records each delivery store opened into Micrometer meters tagged with its kind ({@link StoreWriteMeters}), from
 * the moment it is open. Closing removes the pending gauges, which read the stores.
 */
public final class StoreMeters implements StoreObserver, AutoCloseable {
    private final MeterRegistry registry;
    private final List<StoreWriteMeters> stores = new CopyOnWriteArrayList<>();

    /** Meters in this registry. */
    @Inject
    public StoreMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public StoreObservation storeOpening(String kind) {
        StoreWriteMeters meters = new StoreWriteMeters(registry, kind);
        stores.add(meters);
        return meters;
    }

    @Override
    public void close() {
        stores.forEach(StoreWriteMeters::close);
        stores.clear();
    }
}
