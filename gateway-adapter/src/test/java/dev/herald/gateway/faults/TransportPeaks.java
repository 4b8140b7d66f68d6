package dev.herald.gateway.faults;

import dev.herald.transport.http.HttpTransport;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches one endpoint's requests in the transport, in flight and queued, every millisecond, and keeps the
 * highest of each: a request held by a faulty endpoint lasts far longer than that, so one that broke the bound
 * would be seen.
 */
final class TransportPeaks implements AutoCloseable {
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger maxQueued = new AtomicInteger();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "transport-peaks");
        t.setDaemon(true);
        return t;
    });

    TransportPeaks(HttpTransport http, String endpoint) {
        sampler.scheduleAtFixedRate(() -> {
            maxInFlight.accumulateAndGet(http.inFlightRequests(endpoint), Math::max);
            maxQueued.accumulateAndGet(http.queuedRequests(endpoint), Math::max);
        }, 0, 1, TimeUnit.MILLISECONDS);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    int maxQueued() {
        return maxQueued.get();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
