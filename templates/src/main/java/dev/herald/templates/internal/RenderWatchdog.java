package dev.herald.templates.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The render-time cap for native FreeMarker templates. FreeMarker has no time limit of its own; it can check
 * the thread's interrupt flag in every loop iteration (the checks are added to each native template at
 * compile time), so a timer interrupts a rendering that runs past its deadline.
 *
 * <p>An interrupt must never leak to the caller's thread after the rendering: a {@link Guard} is disarmed with
 * a compare-and-set, and when the timer won the race the guard waits for its interrupt to land and clears it.
 * Templates without loops or recursion, seed templates among them, run in time bounded by their size and
 * are not watched. Built-ins that work on a whole sequence or string at once ({@code ?join}) check nothing; the
 * event's size bounds what they can do, since {@link NativeTemplateRules} refuses the ranges and built-ins that
 * would let a template make more out of less.
 */
public final class RenderWatchdog {
    /**
     * What can make a template run long: loops, and recursion through macros, functions, includes or templates
     * built at run time. A template without any of these runs once through its text.
     */
    private static final Pattern UNBOUNDED =
            Pattern.compile("<#(list|items|macro|function|include|import|visit|recurse)\\b|\\?interpret\\b");

    private RenderWatchdog() {}

    /** Whether a native template needs watching: watching costs a timer task per rendering. */
    public static boolean needed(String freemarkerSource) {
        return UNBOUNDED.matcher(freemarkerSource).find();
    }

    /** Watches the current thread for the given time. */
    public static Guard arm(long nanos) {
        Guard guard = new Guard(Thread.currentThread());
        guard.timer = Timer.EXECUTOR.schedule(guard, nanos, TimeUnit.NANOSECONDS);
        return guard;
    }

    /** One watched rendering. */
    public static final class Guard extends AtomicInteger implements Runnable {
        private static final long serialVersionUID = 1L;
        private static final int RUNNING = 0;
        private static final int DONE = 1;
        private static final int FIRING = 2;
        private static final int FIRED = 3;

        private final transient Thread thread;
        private transient ScheduledFuture<?> timer;

        private Guard(Thread thread) {
            this.thread = thread;
        }

        @Override
        public void run() {
            if (compareAndSet(RUNNING, FIRING)) {
                thread.interrupt();
                set(FIRED);
            }
        }

        /**
         * Stops watching. Returns whether the deadline had passed, in which case this thread's interrupt flag,
         * set by the timer, is cleared.
         */
        public boolean disarm() {
            if (compareAndSet(RUNNING, DONE)) {
                timer.cancel(false);
                return false;
            }
            while (get() != FIRED) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
            return true;
        }
    }

    /** One daemon thread for every renderer, started when the first native template renders. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "herald-template-watchdog");
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
