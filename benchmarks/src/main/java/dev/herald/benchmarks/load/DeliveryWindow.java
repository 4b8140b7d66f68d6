package dev.herald.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * Sends a batch of events with at most a fixed number of deliveries in flight, and counts their outcomes.
 *
 * <p>Each event takes one place per delivery and each outcome frees one; a new event goes out, from the thread
 * that freed the last place it needed, as soon as all of its places are free. No thread waits to send: the pace is
 * set by the answers alone, as in a host that has a bounded number of requests going on.
 */
public final class DeliveryWindow {
    // Sends that complete on the sending thread would otherwise recurse once per event.
    private static final ThreadLocal<boolean[]> PUMPING = ThreadLocal.withInitial(() -> new boolean[1]);

    private final int events;
    private final int fanOut;
    private final IntConsumer send;
    private final AtomicInteger free;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong remaining;
    private final LongAdder delivered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean abandoned;
    private volatile long startNanos;
    private volatile long endNanos;

    /**
     * @param events events to send
     * @param fanOut deliveries per event
     * @param maxInFlight the most deliveries in flight, at least {@code fanOut}
     * @param send sends the i-th event; each of its deliveries must end in exactly one {@link #completed} call
     */
    public DeliveryWindow(int events, int fanOut, int maxInFlight, IntConsumer send) {
        if (events < 0 || fanOut < 1 || maxInFlight < fanOut) {
            throw new IllegalArgumentException("need events >= 0, fanOut >= 1 and maxInFlight >= fanOut");
        }
        this.events = events;
        this.fanOut = fanOut;
        this.send = send;
        this.free = new AtomicInteger(maxInFlight);
        this.remaining = new AtomicLong((long) events * fanOut);
    }

    /** Starts the clock and sends the first events; the rest follow their outcomes. */
    public void start() {
        startNanos = System.nanoTime();
        if (events == 0) {
            endNanos = startNanos;
            done.complete(null);
            return;
        }
        pump();
    }

    /** One delivery ended; {@code ok} when the receiver answered 2xx. */
    public void completed(boolean ok) {
        if (abandoned) {
            return;
        }
        (ok ? delivered : failed).increment();
        free.incrementAndGet();
        if (remaining.decrementAndGet() == 0) {
            endNanos = System.nanoTime();
            done.complete(null);
            return;
        }
        pump();
    }

    /**
     * Waits for every outcome. When none arrives for {@code stallLimit}, stops waiting and counts every delivery
     * still open as failed, so that a lost answer cannot hang the run.
     */
    public LoadResult await(Duration stallLimit) throws InterruptedException {
        long seen = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            try {
                done.get(250, TimeUnit.MILLISECONDS);
                return new LoadResult(delivered.sum(), failed.sum(), endNanos - startNanos);
            } catch (TimeoutException e) {
                long now = delivered.sum() + failed.sum();
                if (now != seen) {
                    seen = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > stallLimit.toNanos()) {
                    abandoned = true;
                    long open = (long) events * fanOut - delivered.sum() - failed.sum();
                    return new LoadResult(delivered.sum(), failed.sum() + open, System.nanoTime() - startNanos);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("the window cannot fail", e);
            }
        }
    }

    private void pump() {
        boolean[] pumping = PUMPING.get();
        if (pumping[0]) {
            // The outer call on this thread re-reads the free places after its send returns.
            return;
        }
        pumping[0] = true;
        try {
            while (true) {
                int f = free.get();
                if (f < fanOut || next.get() >= events) {
                    return;
                }
                if (!free.compareAndSet(f, f - fanOut)) {
                    continue;
                }
                int i = next.getAndIncrement();
                if (i >= events) {
                    free.addAndGet(fanOut);
                    return;
                }
                try {
                    send.accept(i);
                } catch (RuntimeException e) {
                    // A sender that throws made no delivery: its places end here, as failures.
                    for (int k = 0; k < fanOut; k++) {
                        completed(false);
                    }
                }
            }
        } finally {
            pumping[0] = false;
        }
    }
}
