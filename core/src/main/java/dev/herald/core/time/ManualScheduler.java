package dev.herald.core.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A virtual clock whose time moves only when told, running due tasks on the caller's thread. For tests of
 * retry schedules that must not sleep: {@code advance(Duration.ofMinutes(5))} runs five minutes of retries at
 * once, in order.
 */
public final class ManualScheduler implements Scheduler {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final List<Duration> scheduledDelays = new ArrayList<>();
    private Instant now;
    private long sequence;

    public ManualScheduler(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, task);
        scheduledDelays.add(delay);
        queue.add(t);
        return () -> {
            synchronized (ManualScheduler.this) {
                return queue.remove(t);
            }
        };
    }

    /** Moves time forward, running every task that falls due, each at its own time. */
    public void advance(Duration by) {
        Instant target;
        synchronized (this) {
            target = now.plus(by);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at.isAfter(target)) {
                    now = target;
                    return;
                }
                queue.poll();
                now = next.at;
            }
            next.task.run();
        }
    }

    /** Every delay that was asked for, in order, cancelled ones included. */
    public synchronized List<Duration> scheduledDelays() {
        return List.copyOf(scheduledDelays);
    }

    /** How many tasks wait. */
    public synchronized int pending() {
        return queue.size();
    }

    private record Task(Instant at, long seq, Runnable task) implements Comparable<Task> {
        @Override
        public int compareTo(Task o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
