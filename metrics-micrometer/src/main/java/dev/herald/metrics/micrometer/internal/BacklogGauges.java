package dev.herald.metrics.micrometer.internal;

import static dev.herald.metrics.micrometer.MeterNames.BACKLOG_DELIVERIES;
import static dev.herald.metrics.micrometer.MeterNames.BACKLOG_IN_FLIGHT;
import static dev.herald.metrics.micrometer.MeterNames.BACKLOG_OLDEST_AGE;
import static dev.herald.metrics.micrometer.MeterNames.BACKLOG_RETRY_WAITING;
import static dev.herald.metrics.micrometer.MeterNames.ENDPOINT;
import static dev.herald.metrics.micrometer.MeterNames.ENDPOINT_QUEUE_DEPTH;

import dev.herald.core.dispatch.Backlog;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.endpoint.Endpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The gauges over a dispatcher's {@link Backlog}, read when scraped, at most once a second for all of them: the
 * backlog walks the deliveries held to find the oldest, so a scrape of every gauge walks them once.
 */
final class BacklogGauges implements AutoCloseable {

    private final MeterRegistry registry;
    private final CachedReading<Backlog> backlog;
    private final List<Meter> gauges = new ArrayList<>();

    BacklogGauges(MeterRegistry registry, Dispatcher dispatcher) {
        this.registry = registry;
        this.backlog = new CachedReading<>(dispatcher::backlog, CachedReading.GAUGE_PERIOD);
        gauge(BACKLOG_DELIVERIES, "Deliveries in memory not yet ended: queued, in flight or waiting for a retry",
                Backlog::outstanding);
        gauge(BACKLOG_IN_FLIGHT, "Attempts sent and not yet answered", Backlog::inFlight);
        gauge(BACKLOG_RETRY_WAITING, "Deliveries waiting in memory for a retry's time", Backlog::waitingForRetry);
        for (Endpoint e : dispatcher.endpoints()) {
            String name = e.name();
            gauges.add(Gauge.builder(ENDPOINT_QUEUE_DEPTH, this,
                            g -> g.read(b -> b.queuedByEndpoint().getOrDefault(name, 0)))
                    .tag(ENDPOINT, name).description("Deliveries queued for a place in flight to the endpoint")
                    .strongReference(true).register(registry));
        }
        gauges.add(TimeGauge.builder(BACKLOG_OLDEST_AGE, this, TimeUnit.MILLISECONDS,
                        g -> g.read(b -> b.oldestUndeliveredAge().toMillis()))
                .description("How long the oldest delivery not yet ended has waited since its event's acceptance")
                .strongReference(true).register(registry));
    }

    private void gauge(String name, String description, ToDoubleFunction<Backlog> value) {
        gauges.add(Gauge.builder(name, this, g -> g.read(value)).description(description).strongReference(true)
                .register(registry));
    }

    private double read(ToDoubleFunction<Backlog> value) {
        Backlog b = backlog.get();
        return b == null ? Double.NaN : value.applyAsDouble(b);
    }

    /** Removes the gauges, so that a registry that outlives the dispatcher does not keep reading it. */
    @Override
    public void close() {
        gauges.forEach(registry::remove);
    }
}
