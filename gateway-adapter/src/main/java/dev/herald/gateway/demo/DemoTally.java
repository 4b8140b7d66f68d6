package dev.herald.gateway.demo;

import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.store.AttemptRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the dispatcher reports, per endpoint, for the demo's progress and table. */
public final class DemoTally implements DeliveryListener {
    private final Map<String, PerEndpoint> endpoints = new ConcurrentHashMap<>();
    private final AtomicInteger finished = new AtomicInteger();

    /** One endpoint's counts. */
    public static final class PerEndpoint {
        final AtomicInteger delivered = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger gone = new AtomicInteger();
        final List<Long> latenciesMicros = new ArrayList<>();

        public int delivered() {
            return delivered.get();
        }

        public int retried() {
            return retried.get();
        }

        public int failed() {
            return failed.get();
        }

        public int gone() {
            return gone.get();
        }

        /** The given percentile of attempt latencies, in milliseconds. */
        public synchronized double latencyMillis(double percentile) {
            if (latenciesMicros.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(latenciesMicros);
            sorted.sort(null);
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1000.0;
        }

        synchronized void latency(long micros) {
            latenciesMicros.add(micros);
        }
    }

    @Override
    public void onAttempt(AttemptRecord attempt) {
        PerEndpoint e = of(attempt.endpointName());
        e.latency(attempt.latency().toNanos() / 1000);
        if (attempt.attempt() > 1) {
            e.retried.incrementAndGet();
        }
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        PerEndpoint e = of(outcome.endpointName());
        if (outcome.status() == DeliveryStatus.DELIVERED) {
            e.delivered.incrementAndGet();
        } else if (outcome.status() == DeliveryStatus.GONE) {
            e.gone.incrementAndGet();
        } else {
            e.failed.incrementAndGet();
        }
        finished.incrementAndGet();
        synchronized (this) {
            notifyAll();
        }
    }

    /**
     * Waits until {@code count} deliveries have ended or the timeout passes, calling {@code tick} about every
     * {@code every}; true when all ended.
     */
    public boolean awaitFinished(int count, Duration timeout, Duration every, Runnable tick)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        long nextTick = System.nanoTime();
        while (finished.get() < count) {
            long now = System.nanoTime();
            if (now - end >= 0) {
                return false;
            }
            if (now - nextTick >= 0) {
                tick.run();
                nextTick = now + every.toNanos();
            }
            synchronized (this) {
                if (finished.get() < count) {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(end - now, every.toNanos()));
                }
            }
        }
        return true;
    }

    /** Deliveries that have ended. */
    public int finished() {
        return finished.get();
    }

    public PerEndpoint of(String endpoint) {
        return endpoints.computeIfAbsent(endpoint, k -> new PerEndpoint());
    }
}
