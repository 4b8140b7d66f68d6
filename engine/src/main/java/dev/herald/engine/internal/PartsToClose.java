package dev.herald.engine.internal;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The parts Herald built, in the order they were built, to close in reverse: a part is closed before the ones it
 * was built from. Closing goes on past a part that throws, so that one bad part never keeps the others (and their
 * threads) alive; the first failure is then thrown with the others suppressed on it. Thread-safe.
 */
public final class PartsToClose {
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final Set<AutoCloseable> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Records a part just built; a part recorded twice is closed once. */
    public synchronized void add(AutoCloseable part) {
        if (seen.add(part)) {
            parts.push(part);
        }
    }

    /** How many parts are waiting to be closed. */
    public synchronized int size() {
        return parts.size();
    }

    /**
     * Closes every part, last built first, and forgets them.
     *
     * @throws IllegalStateException after every part was tried, when one or more failed: the first failure as
     *     its cause, the others suppressed
     */
    public void closeAll() {
        IllegalStateException failure = null;
        for (AutoCloseable part = next(); part != null; part = next()) {
            try {
                part.close();
            } catch (Exception | Error e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failure == null) {
                    failure = new IllegalStateException("herald: closing " + part + " failed: " + e, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private synchronized AutoCloseable next() {
        return parts.poll();
    }
}
