package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.DeliveryMdc;
import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.core.dispatch.PendingInStore;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.DeliveryOutbox;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.core.store.StoredDelivery;
import dev.herald.core.store.StoredState;
import dev.herald.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dispatcher's side of its {@link DeliveryOutbox}: the endpoint leases of this node, the deliveries it holds in
 * memory (so that the relay never takes one twice, and their leases are renewed), the writes that hand a delivery
 * on to the store, and the repeating work: renewing leases, leasing due deliveries for the dispatcher (the relay),
 * purging old ones.
 *
 * <p>A delivery counts as held here from the moment it enters memory until the store has taken the write that
 * handed it on (an attempt's record, its end, its release), so that the relay cannot take it back in between.
 */
public final class StoreLink {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLink.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final int MAX_BATCH = 256;

    /** What the link needs of its dispatcher. */
    public interface Host {
        /** How many more deliveries the dispatcher has room for now. */
        int room();

        /** Takes due deliveries, leased to this node, into memory; returns how many it kept (the rest it released). */
        int adopt(List<StoredDelivery> due);
    }

    private final DeliveryOutbox store;
    private final StoreSettings settings;
    private final Scheduler scheduler;
    private final Executor executor;
    private final Host host;
    private final List<EndpointRuntime> leasable = new ArrayList<>();
    private final List<String> leasableNames = new ArrayList<>();
    private final Map<String, EndpointRuntime> byName = new HashMap<>();
    private final Map<String, Delivery> held = new ConcurrentHashMap<>();
    private final Object leaseLock = new Object();
    private final DispatchObserver observer;
    private boolean leasesGivenUp;
    private final RepeatingTask renewals;
    private final RepeatingTask relay;
    private final RepeatingTask purges;
    private final AtomicInteger writesInFlight = new AtomicInteger();
    private final Object writesDone = new Object();
    private volatile boolean awaitingWrites;

    public StoreLink(StoreSettings settings, Scheduler scheduler, Executor executor, List<EndpointRuntime> endpoints,
            Host host, DispatchObserver observer) {
        this.observer = observer;
        this.store = settings.store();
        this.settings = settings;
        this.scheduler = scheduler;
        this.executor = executor;
        this.host = host;
        for (EndpointRuntime ep : endpoints) {
            byName.put(ep.endpoint().name(), ep);
            // A gone endpoint stays leased, so that this node ends its stored deliveries instead of leaving them.
            if (ep.endpoint().enabled()) {
                leasable.add(ep);
                leasableNames.add(ep.endpoint().name());
            }
        }
        this.renewals = new RepeatingTask("renewing leases", scheduler, executor, settings.sendMargin(),
                this::renewLeases);
        this.relay = new RepeatingTask("leasing due deliveries", scheduler, executor, settings.pollInterval(),
                this::leaseDue);
        this.purges = new RepeatingTask("purging ended deliveries", scheduler, executor, PURGE_EVERY, this::purge);
    }

    /** Takes the endpoints' leases, purges, and picks up what is pending and due (a crash's leftovers), then repeats. */
    public void start() {
        executor.execute(() -> {
            renewals.runNow();
            purges.runNow();
            relay.runNow();
        });
    }

    public String node() {
        return settings.node();
    }

    public Duration timeout() {
        return settings.timeout();
    }

    /** Whether this node may start an attempt to the endpoint at {@code now}: it holds its lease long enough. */
    public boolean canSend(EndpointRuntime ep, Instant now) {
        Instant until = ep.sendUntil();
        return until != null && now.isBefore(until);
    }

    /** The endpoint of that name, or null when this dispatcher has none. */
    public EndpointRuntime endpoint(String name) {
        return byName.get(name);
    }

    /** Whether the delivery is in this node's memory, or its hand-over to the store is not yet written. */
    public boolean isHeld(String deliveryId) {
        return held.containsKey(deliveryId);
    }

    /** Marks a delivery as in memory: its lease is renewed and the relay leaves it alone. */
    public void hold(Delivery d) {
        held.put(d.id(), d);
    }

    /** Appends newly accepted deliveries, leased to this node when {@code leased}, else for the endpoints' holders. */
    public CompletionStage<Void> append(List<StoredDelivery> deliveries, boolean leased, Instant now) {
        return call(() -> leased
                ? store.append(deliveries, settings.node(), now.plus(settings.leaseDuration()))
                : store.append(deliveries, null, null));
    }

    /**
     * Announces a write about to be handed over ({@link #recordAttempt} or {@link #recordFinal} with
     * {@code announced}), so that a close waiting for this link's writes waits for it too.
     */
    public void writeComing() {
        writesInFlight.incrementAndGet();
    }

    /** Records an attempt and where it left the delivery; the delivery is handed on once it is written. */
    public void recordAttempt(Delivery d, AttemptRecord attempt, StoredState after) {
        recordAttempt(d, attempt, after, false);
    }

    /** As {@link #recordAttempt(Delivery, AttemptRecord, StoredState)}, for a write {@link #writeComing announced}. */
    public void recordAttempt(Delivery d, AttemptRecord attempt, StoredState after, boolean announced) {
        handOn(d, () -> store.recordAttempt(attempt, after), "record an attempt of");
        if (announced) {
            writeEnded();
        }
    }

    /** Records a delivery's end without an attempt; {@code announced} when {@link #writeComing} announced it. */
    public void recordFinal(Delivery d, StoredState state, String reason, boolean announced) {
        handOn(d, () -> store.recordFinal(d.id(), state, reason), "record the end of");
        if (announced) {
            writeEnded();
        }
    }

    /**
     * Ends deliveries whose append the store confirmed after their dispatch had been refused, so that nothing the
     * caller was told is refused gets sent.
     */
    public void endRefused(List<String> deliveryIds, String reason) {
        for (String id : deliveryIds) {
            call(() -> store.recordFinal(id, StoredState.DEAD, reason)).whenComplete((v, e) -> {
                if (e != null) {
                    DeliveryMdc.around(id, null, null, () ->
                            LOG.warn("herald: could not end refused delivery {}: {}", id, e.toString()));
                }
            });
        }
    }

    /** Gives deliveries in memory back to the store, for another node or a later poll. */
    public CompletionStage<Void> release(List<Delivery> deliveries) {
        List<String> ids = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries) {
            ids.add(d.id());
        }
        return giveBack(ids).whenComplete((v, e) -> {
            for (Delivery d : deliveries) {
                held.remove(d.id(), d);
            }
        });
    }

    /** Gives leased deliveries that never entered memory back to the store. */
    public CompletionStage<Void> giveBack(List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return call(() -> store.release(settings.node(), deliveryIds)).whenComplete((v, e) -> {
            if (e != null) {
                LOG.warn("herald: could not release {} deliveries; their leases will expire: {}",
                        deliveryIds.size(), e.toString());
            }
        });
    }

    /** Stops taking deliveries from the store, as closing begins. */
    public void stopRelay() {
        relay.stop();
        purges.stop();
    }

    /**
     * Ends the link as its dispatcher closes: releases what the dispatcher could not finish and records the attempts
     * it stopped waiting for (waiting for the store up to the timeout, for these and every other write of this
     * link), stops renewing, gives up the leases of endpoints with nothing in flight, so that another node takes
     * them at once rather than when they expire, and reads back what is pending in the store.
     */
    public PendingInStore close(List<Delivery> unfinished, Map<Delivery, AttemptRecord> unanswered) {
        stopRelay();
        if (!unfinished.isEmpty()) {
            release(unfinished);
        }
        unanswered.forEach((d, attempt) -> recordAttempt(d, attempt, StoredState.PENDING));
        awaitWrites();
        renewals.stop();
        List<String> idle = new ArrayList<>();
        synchronized (leaseLock) {
            leasesGivenUp = true;
            for (EndpointRuntime ep : leasable) {
                if (ep.sendUntil() != null && ep.lane().inFlight() == 0) {
                    ep.sendUntil(null);
                    idle.add(ep.endpoint().name());
                }
            }
            if (!idle.isEmpty()) {
                Instant now = scheduler.now();
                try {
                    store.leaseEndpoints(settings.node(), idle, now, now);
                } catch (RuntimeException e) {
                    LOG.warn("herald: could not give up the leases of {}; they will expire: {}", idle, e.toString());
                }
            }
        }
        return pendingInStore();
    }

    private PendingInStore pendingInStore() {
        try {
            long count = store.count(StoredState.PENDING);
            List<StoredDelivery> listed = new ArrayList<>();
            if (count > 0) {
                for (DeliveryRecord r : store.list(new DeliveryQuery(StoredState.PENDING, null,
                        PendingInStore.MAX_LISTED))) {
                    listed.add(r.delivery());
                }
            }
            return new PendingInStore(count, listed, null);
        } catch (RuntimeException e) {
            LOG.warn("herald: could not read what is pending in the delivery store: {}", e.toString());
            return PendingInStore.unreadable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private boolean renewLeases() {
        Instant now = scheduler.now();
        Instant until = now.plus(settings.leaseDuration());
        if (!held.isEmpty()) {
            call(() -> store.renew(settings.node(), List.copyOf(held.keySet()), until)).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn("herald: could not renew the leases of deliveries in memory: {}", e.toString());
                }
            });
        }
        synchronized (leaseLock) {
            if (leasesGivenUp || leasableNames.isEmpty()) {
                return false;
            }
            Set<String> heldNow = new HashSet<>(store.leaseEndpoints(settings.node(), leasableNames, now, until));
            observer.leasesRenewed(heldNow.size(), leasableNames.size());
            Instant sendUntil = until.minus(settings.sendMargin());
            for (EndpointRuntime ep : leasable) {
                boolean holds = heldNow.contains(ep.endpoint().name());
                if (!holds && ep.sendUntil() != null) {
                    DeliveryMdc.around(null, ep.endpoint().name(), null, () ->
                            LOG.info("herald: node {} lost the lease of endpoint '{}'", settings.node(),
                                    ep.endpoint().name()));
                    observer.leaseLost(ep.endpoint().name());
                }
                ep.sendUntil(holds ? sendUntil : null);
            }
        }
        return false;
    }

    private boolean leaseDue() {
        int max = Math.min(host.room(), MAX_BATCH);
        if (max <= 0) {
            return false;
        }
        Instant now = scheduler.now();
        List<StoredDelivery> due = store.leaseDue(settings.node(), now, now.plus(settings.leaseDuration()), max);
        if (due.isEmpty()) {
            return false;
        }
        int kept = host.adopt(due);
        observer.dueDeliveriesLeased(due.size(), kept);
        // Again at once only when a whole batch was taken in: what was given back waits for the next period.
        return kept == max;
    }

    private boolean purge() {
        int purged = store.purge(scheduler.now().minus(settings.retention()));
        if (purged > 0) {
            LOG.info("herald: purged {} ended deliveries older than {}", purged, settings.retention());
        }
        return false;
    }

    private void handOn(Delivery d, Supplier<CompletionStage<Void>> write, String what) {
        call(write).whenComplete((v, e) -> {
            held.remove(d.id(), d);
            if (e != null) {
                DeliveryMdc.around(d.id(), d.endpoint().endpoint().name(), d.event().type().name(), () ->
                        LOG.warn("herald: could not {} delivery {}: {}", what, d.id(), e.toString()));
            }
        });
    }

    /**
     * Waits, at most the store timeout, until every write this link handed the store has landed, so that what is
     * read back afterwards includes them.
     */
    private void awaitWrites() {
        long end = System.nanoTime() + settings.timeout().toNanos();
        synchronized (writesDone) {
            awaitingWrites = true;
            while (writesInFlight.get() > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("herald: {} writes to the delivery store did not complete within {}; what is reported"
                            + " pending may not include them", writesInFlight.get(), settings.timeout());
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(writesDone, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A store call whose failure, thrown or returned, comes back as a failed stage; counted until it ends. */
    private CompletionStage<Void> call(Supplier<CompletionStage<Void>> write) {
        writesInFlight.incrementAndGet();
        CompletionStage<Void> stage;
        try {
            stage = Objects.requireNonNull(write.get(), "the delivery store returned no stage");
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.whenComplete((v, e) -> writeEnded());
    }

    private void writeEnded() {
        if (writesInFlight.decrementAndGet() == 0 && awaitingWrites) {
            synchronized (writesDone) {
                writesDone.notifyAll();
            }
        }
    }
}
