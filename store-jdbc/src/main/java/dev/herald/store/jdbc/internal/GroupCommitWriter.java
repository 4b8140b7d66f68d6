package dev.herald.store.jdbc.internal;

import dev.herald.core.store.StoreObservation;
import dev.herald.store.jdbc.DeliveryStoreException;
import dev.herald.store.jdbc.GroupCommit;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes: it takes the queued ops, as many as the {@link GroupCommit} allows, applies them in
 * one transaction, commits, and only then completes each op's future. When the shared transaction fails, each op
 * is applied again in a transaction of its own, so that one bad op fails only its own caller.
 *
 * <p>Futures complete on this thread: callers chain heavy work with the async variants. A
 * {@link StoreObservation} hears of each transaction committed and each write it held, before their futures
 * complete, so that whoever sees a write confirmed finds it counted.
 *
 * <p>The queue has no bound of its own, on purpose: {@link #submit} serves the stage-returning writes, which must
 * never block their caller (an event's dispatch), and failing them at some arbitrary length would refuse events
 * a slow commit only delays. What bounds it is upstream: a dispatcher holds at most its {@code capacity}
 * deliveries, each with a write or two outstanding, plus one renewal per lease period and one op per thread blocked
 * in {@code leaseDue}, {@code replay} and the like.
 */
final class GroupCommitWriter implements AutoCloseable {
    /** How long {@link #close} waits for the queued writes to commit before it fails them. */
    static final Duration CLOSE_DEADLINE = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final Pending<?> STOP = new Pending<>(null, 0L);

    private final DataSource dataSource;
    private final int maxRows;
    private final long maxDelayNanos;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Object submitLock = new Object();
    private final Thread thread;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong committedOps = new AtomicLong();
    private final Duration closeDeadline;
    private final StoreObservation observation;
    /** Whether anyone observes: writes are timed only then. */
    private final boolean observed;
    private boolean closed;
    private volatile boolean abandoned;
    /** The group being committed, for a close that gives up on it. */
    private volatile List<Pending<?>> inFlight = List.of();

    GroupCommitWriter(String name, DataSource dataSource, GroupCommit groupCommit, StoreObservation observation) {
        this(name, dataSource, groupCommit, CLOSE_DEADLINE, observation);
    }

    GroupCommitWriter(String name, DataSource dataSource, GroupCommit groupCommit, Duration closeDeadline) {
        this(name, dataSource, groupCommit, closeDeadline, StoreObservation.NONE);
    }

    GroupCommitWriter(String name, DataSource dataSource, GroupCommit groupCommit, Duration closeDeadline,
            StoreObservation observation) {
        this.dataSource = dataSource;
        this.closeDeadline = closeDeadline;
        this.observation = ObservationFanout.guarded(observation);
        this.observed = this.observation != StoreObservation.NONE;
        this.maxRows = groupCommit.maxRows();
        this.maxDelayNanos = groupCommit.maxDelay().toNanos();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues the op; the future completes once it is committed, or fails with why it was not. Cancelling it
     * withdraws the op if the writer has not taken it yet, and says so by returning true.
     */
    <T> CompletableFuture<T> submit(WriteOp<T> op) {
        Pending<T> pending = new Pending<>(op, observed ? System.nanoTime() : 0L);
        synchronized (submitLock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the delivery store is closed"));
            }
            queue.add(pending);
        }
        return pending.future;
    }

    /** Transactions committed so far. */
    long commits() {
        return commits.get();
    }

    /** Ops committed so far. */
    long committedOps() {
        return committedOps.get();
    }

    /**
     * Refuses new ops, commits those queued, and stops the thread, waiting at most the close deadline: a commit
     * blocked on the database (a lock another process holds, a server gone silent) must not hold a shutdown
     * forever. Past the deadline the ops still queued fail, never applied; those of the commit under way fail
     * too, saying they may have been committed; and the thread is interrupted, to end as soon as the database
     * lets it go (closing the pool does, by aborting its connection).
     */
    @Override
    public void close() {
        synchronized (submitLock) {
            if (!closed) {
                closed = true;
                queue.add(STOP);
            }
        }
        long end = System.nanoTime() + closeDeadline.toNanos();
        boolean interrupted = false;
        while (thread.isAlive()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                abandon();
                break;
            }
            try {
                TimeUnit.NANOSECONDS.timedJoin(thread, left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the writer is committing a group now, rather than waiting for ops. */
    boolean committing() {
        return !inFlight.isEmpty();
    }

    /** Whether the writer thread is still running: after a close past its deadline, until the database lets go. */
    boolean running() {
        return thread.isAlive();
    }

    /** Gives up on the writer after the close deadline: fails what it has not confirmed, and interrupts it. */
    private void abandon() {
        abandoned = true;
        String waited = "the delivery store closed after waiting " + closeDeadline + " for its writer";
        List<Pending<?>> queued = new ArrayList<>();
        queue.drainTo(queued);
        int failed = 0;
        for (Pending<?> p : queued) {
            if (p != STOP && p.take()) {
                p.future.completeExceptionally(new DeliveryStoreException(
                        waited + ": this write was still queued and was not committed", null));
                failed++;
            }
        }
        List<Pending<?>> current = inFlight;
        for (Pending<?> p : current) {
            if (p.future.completeExceptionally(new DeliveryStoreException(
                    waited + ": this write was being committed and may or may not have been", null))) {
                failed++;
            }
        }
        LOG.warn("herald: {}; {} writes failed unconfirmed; interrupting {}", waited, failed, thread.getName());
        thread.interrupt();
    }

    private void run() {
        List<Pending<?>> group = new ArrayList<>();
        boolean stopping = false;
        while (!stopping && !abandoned) {
            Pending<?> first = take();
            if (first == STOP) {
                break;
            }
            group.add(first);
            int rows = first.op.rows();
            long deadline = System.nanoTime() + maxDelayNanos;
            while (rows < maxRows) {
                Pending<?> next = poll(deadline);
                if (next == null) {
                    break;
                }
                if (next == STOP) {
                    stopping = true;
                    break;
                }
                group.add(next);
                rows += next.op.rows();
            }
            inFlight = List.copyOf(group);
            commit(group);
            inFlight = List.of();
            group.clear();
        }
    }

    private Pending<?> take() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Only close() stops the writer: queued callers are waiting for their commit, unless it gave up.
                if (abandoned) {
                    return STOP;
                }
            }
        }
    }

    private Pending<?> poll(long deadline) {
        Pending<?> next = queue.poll();
        while (next == null) {
            long wait = deadline - System.nanoTime();
            if (wait <= 0) {
                return null;
            }
            try {
                next = queue.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // As in take(): keep gathering until the deadline, unless close() gave up.
                if (abandoned) {
                    return STOP;
                }
            }
        }
        return next;
    }

    private void commit(List<Pending<?>> group) {
        group.removeIf(p -> !p.take());
        if (group.isEmpty()) {
            return;
        }
        if (abandoned) {
            // Gathered while close() gave up: the database is not to be touched any more.
            for (Pending<?> p : group) {
                p.future.completeExceptionally(new DeliveryStoreException("the delivery store closed after"
                        + " waiting " + closeDeadline + " for its writer: this write was not committed", null));
            }
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (group.size() == 1 || !commitTogether(c, group)) {
                for (Pending<?> p : group) {
                    commitAlone(c, p);
                }
            }
        } catch (SQLException e) {
            for (Pending<?> p : group) {
                p.future.completeExceptionally(new DeliveryStoreException(
                        "the delivery store could not get a database connection: " + e.getMessage(), e));
            }
        }
    }

    private boolean commitTogether(Connection c, List<Pending<?>> group) {
        List<WriteOp<?>> ops = new ArrayList<>(group.size());
        for (Pending<?> p : group) {
            ops.add(p.op);
        }
        List<WriteOp.Result<?>> results;
        long start = observed ? System.nanoTime() : 0L;
        try {
            results = Transactions.apply(c, ops);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            Transactions.rollbackQuietly(c, e);
            return false;
        }
        committed(group, start);
        for (int i = 0; i < group.size(); i++) {
            group.get(i).complete(results.get(i));
        }
        return true;
    }

    private void commitAlone(Connection c, Pending<?> p) {
        WriteOp.Result<?> result;
        long start = observed ? System.nanoTime() : 0L;
        try {
            result = Transactions.apply(c, List.of(p.op)).get(0);
            c.commit();
        } catch (SQLException e) {
            Transactions.rollbackQuietly(c, e);
            p.future.completeExceptionally(p.op.failure(e));
            return;
        } catch (RuntimeException e) {
            Transactions.rollbackQuietly(c, e);
            p.future.completeExceptionally(e);
            return;
        }
        committed(List.of(p), start);
        p.complete(result);
    }

    /** Counts a committed transaction, and tells the observation of it and of each write it held. */
    private void committed(List<Pending<?>> group, long startNanos) {
        commits.incrementAndGet();
        committedOps.addAndGet(group.size());
        if (observed) {
            long now = System.nanoTime();
            observation.transactionCommitted(group.size(), Duration.ofNanos(now - startNanos));
            for (Pending<?> p : group) {
                observation.writeCommitted(Duration.ofNanos(now - p.submittedNanos));
            }
        }
    }

    /** A queued op and its caller's future. */
    private static final class Pending<T> {
        final WriteOp<T> op;
        /** When its caller submitted it, by {@link System#nanoTime()}; 0 when nobody observes. */
        final long submittedNanos;
        final Withdrawable<T> future = new Withdrawable<>();

        Pending(WriteOp<T> op, long submittedNanos) {
            this.op = op;
            this.submittedNanos = submittedNanos;
        }

        /** Claims the op for a commit; false when its caller withdrew it first. */
        boolean take() {
            return future.taken.compareAndSet(false, true);
        }

        @SuppressWarnings("unchecked")
        void complete(WriteOp.Result<?> result) {
            try {
                future.complete((T) result.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }
    }

    /**
     * A caller's future that cancelling withdraws from the queue, but only while the writer has not taken it: once
     * {@code cancel} returns true the op is never applied; once the writer has it, {@code cancel} returns false.
     */
    private static final class Withdrawable<T> extends CompletableFuture<T> {
        final AtomicBoolean taken = new AtomicBoolean();

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return taken.compareAndSet(false, true) && super.cancel(mayInterruptIfRunning);
        }
    }
}
