package dev.herald.core.testing;

import dev.herald.core.time.Cancellable;
import dev.herald.core.time.ManualScheduler;
import dev.herald.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;

/**
 * One node's timer on a clock shared by several nodes (a {@link ManualScheduler}), which can die: after
 * {@link #kill()} none of the node's timers fires again, as when its process is gone.
 */
public final class NodeScheduler implements Scheduler {
    private final ManualScheduler clock;
    private volatile boolean dead;

    public NodeScheduler(ManualScheduler clock) {
        this.clock = clock;
    }

    /** Stops every timer of this node, for good. */
    public void kill() {
        dead = true;
    }

    @Override
    public Instant now() {
        return clock.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        return clock.schedule(delay, () -> {
            if (!dead) {
                task.run();
            }
        });
    }
}
