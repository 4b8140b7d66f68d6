package dev.herald.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The real clock and one daemon timer thread. */
public final class SystemScheduler implements Scheduler {
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timer;

    public SystemScheduler() {
        this(Clock.systemUTC());
    }

    public SystemScheduler(Clock clock) {
        this.clock = clock;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "herald-timer");
            t.setDaemon(true);
            return t;
        });
        // Cancelled retries must not pile up in the queue until their time comes.
        this.timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> f = timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
