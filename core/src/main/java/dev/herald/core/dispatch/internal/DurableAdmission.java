package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.event.Event;
import dev.herald.core.store.StoredDelivery;
import dev.herald.core.time.Cancellable;
import dev.herald.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admission with a store: an event's deliveries are appended to the store and sent once it confirms; the
 * scheduler refuses the event if the store has not confirmed within the store timeout. The store's answer and the
 * timer are both handed to Herald's executor, so that neither the store's writer nor the timer thread runs the
 * sending or the listeners.
 *
 * <p>It is also the relay's way in ({@link StoreLink.Host}): due deliveries the store leases to this node enter
 * memory here, within the same room.
 */
public final class DurableAdmission implements Admission, StoreLink.Host {
    private final StoreLink link;
    private final Scheduler scheduler;
    private final Executor executor;
    private final Room room;
    private final LiveDeliveries live;
    private final DispatchCounters counters;
    private final AttemptRunner runner;
    private final Endings endings;

    public DurableAdmission(StoreLink link, Scheduler scheduler, Executor executor, Room room, LiveDeliveries live,
            DispatchCounters counters, AttemptRunner runner, Endings endings) {
        this.link = link;
        this.scheduler = scheduler;
        this.executor = executor;
        this.room = room;
        this.live = live;
        this.counters = counters;
        this.runner = runner;
        this.endings = endings;
    }

    /** Queued to the store's writer; accepted but not durable, unless the store answered at once. */
    @Override
    public DispatchResult admit(Event event, Delivery[] deliveries) {
        StoreConfirmation confirmation = append(event, deliveries);
        // Settled already (a store that answered at once): that is the honest answer.
        DispatchResult settled = confirmation.getNow(null);
        // Accepted and queued to the store's writer, not yet held by the store: not durable.
        return settled != null ? settled : new DispatchResult(DispatchResult.Status.ACCEPTED, confirmation.ids());
    }

    @Override
    public CompletableFuture<DispatchResult> admitAsync(Event event, Delivery[] deliveries) {
        // A copy, so that a caller completing or cancelling its future cannot touch the admission.
        return append(event, deliveries).copy();
    }

    @Override
    public DispatchResult admitAndAwait(Event event, Delivery[] deliveries, Duration deadline) {
        StoreConfirmation confirmation = append(event, deliveries);
        try {
            return confirmation.get(Math.max(0, deadline.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            confirmation.refuse(timeoutReason(deadline));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            confirmation.refuse("interrupted while waiting for the delivery store");
        } catch (ExecutionException e) {
            confirmation.refuse(Failures.describe(Failures.unwrap(e)));
        }
        return confirmation.join();
    }

    private StoreConfirmation append(Event event, Delivery[] deliveries) {
        Instant now = scheduler.now();
        List<StoredDelivery> stored = new ArrayList<>(deliveries.length);
        boolean leased = true;
        for (Delivery d : deliveries) {
            EndpointRuntime ep = d.endpoint();
            stored.add(StoredDelivery.accepted(d.id(), event, ep.endpoint().name(), now));
            leased &= link.canSend(ep, now);
        }
        // One append per event, so that its deliveries are stored all or none: leased to this node when it holds
        // every endpoint, else unleased, each left for its endpoint's holder (this node's relay included).
        StoreConfirmation confirmation = new StoreConfirmation(event, deliveries, leased);
        confirmation.timer = scheduler.schedule(link.timeout(),
                () -> runner.onHeraldExecutor(() -> confirmation.refuse(timeoutReason(link.timeout()))));
        link.append(stored, leased, now)
                .whenComplete((v, error) -> runner.onHeraldExecutor(() -> confirmation.appended(error)));
        return confirmation;
    }

    private static String timeoutReason(Duration waited) {
        return "the delivery store did not confirm within " + waited;
    }

    @Override
    public int room() {
        return room.left();
    }

    @Override
    public int adopt(List<StoredDelivery> due) {
        int kept = 0;
        List<String> giveBack = new ArrayList<>();
        for (StoredDelivery sd : due) {
            // Leased again by this poll, already in memory here: one copy of a delivery per node, ever.
            if (link.isHeld(sd.deliveryId())) {
                continue;
            }
            EndpointRuntime ep = link.endpoint(sd.endpointName());
            if (ep == null || room.isClosed() || !room.reserve(1)) {
                giveBack.add(sd.deliveryId());
                continue;
            }
            Delivery d = new Delivery(sd.deliveryId(), sd.event(), ep, sd.attempts(),
                    sd.acceptedAt().toEpochMilli());
            live.add(d);
            link.hold(d);
            kept++;
            runner.prepare(new Delivery[] {d});
        }
        if (!giveBack.isEmpty()) {
            link.giveBack(giveBack);
        }
        return kept;
    }

    /**
     * An event whose deliveries wait for the store to hold them; settled once, by the store's answer or by the
     * timeout, whichever comes first.
     */
    private final class StoreConfirmation extends CompletableFuture<DispatchResult> {
        private final Event event;
        private final Delivery[] deliveries;
        private final boolean leased;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile Cancellable timer;

        StoreConfirmation(Event event, Delivery[] deliveries, boolean leased) {
            this.event = event;
            this.deliveries = deliveries;
            this.leased = leased;
        }

        void appended(Throwable error) {
            Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
            if (!settled.compareAndSet(false, true)) {
                if (error == null) {
                    link.endRefused(ids(), "refused: the store confirmed it after the dispatch had stopped waiting");
                }
                return;
            }
            if (error != null) {
                refused("the delivery store failed: " + Failures.describe(Failures.unwrap(error)));
            } else {
                accepted();
            }
        }

        void refuse(String reason) {
            if (settled.compareAndSet(false, true)) {
                refused(reason);
            }
        }

        private void refused(String reason) {
            room.free(deliveries.length);
            complete(endings.reject(event,
                    new DispatchResult(DispatchResult.Status.REJECTED_STORE, List.of(), reason)));
        }

        private void accepted() {
            counters.eventAccepted();
            if (!leased || room.isClosed()) {
                // The endpoints' holders send them; a close that began meanwhile hands them over too.
                if (leased) {
                    link.release(List.of(deliveries));
                }
                room.free(deliveries.length);
            } else {
                for (Delivery d : deliveries) {
                    live.add(d);
                    link.hold(d);
                }
                try {
                    executor.execute(() -> runner.prepare(deliveries));
                } catch (RejectedExecutionException e) {
                    List<Delivery> cancelled = new ArrayList<>();
                    for (Delivery d : deliveries) {
                        if (endings.finish(d, DeliveryStatus.CANCELLED, "the dispatcher's executor refused the work")
                                != null) {
                            cancelled.add(d);
                        }
                    }
                    link.release(cancelled);
                }
            }
            complete(new DispatchResult(DispatchResult.Status.ACCEPTED, ids(), null, true));
        }

        List<String> ids() {
            List<String> ids = new ArrayList<>(deliveries.length);
            for (Delivery d : deliveries) {
                ids.add(d.id());
            }
            return ids;
        }
    }

    /**
     * The relay's host for a link built before its admission, which needs the link (through the runner) first:
     * forwards to the admission once bound, before the link starts.
     */
    public static final class Relay implements StoreLink.Host {
        private volatile DurableAdmission admission;

        /** Forwards to the admission from now on; returns it. */
        public DurableAdmission bind(DurableAdmission admission) {
            this.admission = admission;
            return admission;
        }

        @Override
        public int room() {
            return admission.room();
        }

        @Override
        public int adopt(List<StoredDelivery> due) {
            return admission.adopt(due);
        }
    }
}
