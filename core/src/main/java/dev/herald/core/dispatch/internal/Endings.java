package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.DeliveryEnd;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.event.Event;
import dev.herald.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;

/**
 * How a delivery leaves the dispatcher's memory, once: it ends (counted, its room freed, its outcome published),
 * or, with a store, it is left there for later without ending; and how a refused event is counted and reported.
 */
public final class Endings {
    private final LiveDeliveries live;
    private final Room room;
    private final DispatchCounters counters;
    private final ListenerFanout listeners;
    private final Scheduler scheduler;
    private final Custody custody;
    private final DispatchObserver observer;

    public Endings(LiveDeliveries live, Room room, DispatchCounters counters, ListenerFanout listeners,
            Scheduler scheduler, Custody custody, DispatchObserver observer) {
        this.observer = observer;
        this.live = live;
        this.room = room;
        this.counters = counters;
        this.listeners = listeners;
        this.scheduler = scheduler;
        this.custody = custody;
    }

    /** Refuses an event: counts it and reports it to the listeners, on the calling thread; returns the result. */
    public DispatchResult reject(Event event, DispatchResult result) {
        counters.eventRejected();
        if (observer != DispatchObserver.NONE) {
            observer.eventRejected(event, result);
        }
        listeners.onRejected(event, result);
        return result;
    }

    /**
     * Ends a delivery once: counts it, frees its room and publishes its outcome; null when it had ended (or when
     * nobody listens and it was not cancelled: the outcome is built only for someone).
     */
    public DeliveryOutcome finish(Delivery d, DeliveryStatus status, String error) {
        if (!d.end()) {
            return null;
        }
        return ended(d, status, error);
    }

    /** Ends a delivery that failed before an attempt could be made; with a store, records it dead there. */
    public void failUnsent(Delivery d, DeliveryStatus status, String error) {
        if (!d.end()) {
            return;
        }
        custody.writeComing();
        ended(d, status, error);
        custody.recordUnsent(d, error);
    }

    /**
     * Takes a delivery out of memory without ending it: it waits in the store, for a later attempt or another
     * node. False when it had ended already.
     */
    public boolean leave(Delivery d) {
        if (!d.end()) {
            return false;
        }
        cancelRetry(d);
        live.remove(d);
        room.free(1);
        return true;
    }

    private DeliveryOutcome ended(Delivery d, DeliveryStatus status, String error) {
        cancelRetry(d);
        live.remove(d);
        counters.deliveryEnded(status == DeliveryStatus.DELIVERED);
        boolean observed = observer != DispatchObserver.NONE;
        boolean publish = !listeners.isEmpty();
        // One read of the clock for both, and none when nobody hears of the end.
        Instant now = observed || publish || status == DeliveryStatus.CANCELLED ? scheduler.now() : null;
        if (observed) {
            long since = Math.max(0, now.toEpochMilli() - d.acceptedAtMillis());
            observer.deliveryEnded(new DeliveryEnd(d.id(), d.event().type().name(),
                    d.endpoint().endpoint().name(), status, d.attempts(), Duration.ofMillis(since)));
        }
        DeliveryOutcome outcome = null;
        if (publish || status == DeliveryStatus.CANCELLED) {
            outcome = new DeliveryOutcome(d.id(), d.event(), d.endpoint().endpoint().name(), status, d.attempts(),
                    d.lastStatus(), error != null ? error : d.lastError(), now);
        }
        if (publish) {
            listeners.onOutcome(outcome);
        }
        room.free(1);
        return outcome;
    }

    private void cancelRetry(Delivery d) {
        d.cancelRetry();
        if (d.clearWaitingForRetry()) {
            counters.retryNoLongerWaiting();
        }
    }
}
