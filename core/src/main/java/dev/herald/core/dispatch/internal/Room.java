package dev.herald.core.dispatch.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dispatcher's bounded room: at most {@code capacity} deliveries outstanding (queued, in flight or waiting
 * for a retry), so that an event that does not fit is refused at once rather than queued without bound; and
 * whether the dispatcher has closed, after which nothing more is taken in.
 */
public final class Room {
    private final int capacity;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Object emptied = new Object();
    private volatile boolean closed;

    public Room(int capacity) {
        this.capacity = capacity;
    }

    /** Takes room for {@code n} deliveries; false, taking none, when they do not fit. */
    public boolean reserve(int n) {
        while (true) {
            int current = outstanding.get();
            if (current + n > capacity) {
                return false;
            }
            if (outstanding.compareAndSet(current, current + n)) {
                return true;
            }
        }
    }

    /** Gives back room for {@code n} deliveries, waking a close that waits for the last. */
    public void free(int n) {
        if (outstanding.addAndGet(-n) == 0 && closed) {
            synchronized (emptied) {
                emptied.notifyAll();
            }
        }
    }

    /** How many more deliveries fit now. */
    public int left() {
        return capacity - outstanding.get();
    }

    /** The deliveries outstanding now. */
    public int outstanding() {
        return outstanding.get();
    }

    /** Whether the dispatcher has closed. */
    public boolean isClosed() {
        return closed;
    }

    /** Takes nothing more in: the dispatcher is closing. */
    public void close() {
        closed = true;
    }

    /**
     * Waits until nothing is outstanding, at most {@code timeoutNanos}; true when nothing is. Only after
     * {@link #close}, which makes the last {@link #free} wake this wait.
     */
    public boolean awaitEmpty(long timeoutNanos) {
        long end = System.nanoTime() + Math.max(0, timeoutNanos);
        synchronized (emptied) {
            while (outstanding.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(emptied, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return outstanding.get() == 0;
    }
}
