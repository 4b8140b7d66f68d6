package dev.herald.core.dispatch.internal;

import dev.herald.core.time.Cancellable;
import dev.herald.core.time.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work repeated every period on the dispatcher's executor, timed by its scheduler. The next run is scheduled only
 * once the last one ended, so runs never overlap; the scheduler's timer thread only hands the work over, since the
 * work may block on the store.
 */
final class RepeatingTask {
    private static final Logger LOG = LoggerFactory.getLogger(RepeatingTask.class);

    private final String name;
    private final Scheduler scheduler;
    private final Executor executor;
    private final Duration period;
    private final BooleanSupplier work;
    private volatile boolean stopped;
    private volatile Cancellable next;

    /** {@code work} answers whether it left work undone, in which case it runs again at once. */
    RepeatingTask(String name, Scheduler scheduler, Executor executor, Duration period, BooleanSupplier work) {
        this.name = name;
        this.scheduler = scheduler;
        this.executor = executor;
        this.period = period;
        this.work = work;
    }

    /** Runs the work now, on the caller's thread, then every period. */
    void runNow() {
        run();
    }

    /** Stops it: a run under way ends, no other starts. */
    void stop() {
        stopped = true;
        Cancellable c = next;
        if (c != null) {
            c.cancel();
        }
    }

    private void run() {
        Duration after = period;
        try {
            if (!stopped && work.getAsBoolean()) {
                after = Duration.ZERO;
            }
        } catch (RuntimeException e) {
            LOG.warn("herald: {} failed; trying again in {}", name, period, e);
        } finally {
            scheduleNext(after);
        }
    }

    private void scheduleNext(Duration delay) {
        if (stopped) {
            return;
        }
        next = scheduler.schedule(delay, this::handOver);
        if (stopped) {
            next.cancel();
        }
    }

    private void handOver() {
        if (stopped) {
            return;
        }
        try {
            executor.execute(this::run);
        } catch (RejectedExecutionException e) {
            // The executor is shutting down with the dispatcher; nothing is left to repeat.
            stopped = true;
        }
    }
}
