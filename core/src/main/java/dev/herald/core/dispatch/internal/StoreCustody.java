package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.PendingInStore;
import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.StoredState;
import dev.herald.core.time.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deliveries kept in a delivery store as well as in memory, through the dispatcher's {@link StoreLink}: every
 * attempt and end is recorded there, a retry waits there (for any node), and only endpoints whose lease this node
 * holds are sent to.
 */
public final class StoreCustody implements Custody {
    private static final String UNANSWERED_AT_CLOSE =
            "no answer before the dispatcher closed; the request may have reached the receiver";

    private final StoreLink link;
    private final Scheduler scheduler;

    public StoreCustody(StoreLink link, Scheduler scheduler) {
        this.link = link;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        link.start();
    }

    @Override
    public void stopTaking() {
        link.stopRelay();
    }

    @Override
    public boolean canSend(EndpointRuntime ep, Instant now) {
        return link.canSend(ep, now);
    }

    @Override
    public void handBack(Delivery d) {
        link.release(List.of(d));
    }

    @Override
    public void attemptSent(Delivery d, Instant startedAt, long startNanos) {
        d.attemptSent(startedAt, startNanos);
    }

    @Override
    public boolean takeAnswered(Delivery d) {
        // A close that stopped waiting for this answer has recorded the attempt as unanswered already.
        return d.takeAttemptInFlight() != null;
    }

    @Override
    public boolean recordsAttempts() {
        return true;
    }

    @Override
    public boolean keepsRetries() {
        return true;
    }

    @Override
    public void writeComing() {
        link.writeComing();
    }

    @Override
    public void recordAttempt(Delivery d, AttemptRecord record, StoredState after) {
        link.recordAttempt(d, record, after, true);
    }

    @Override
    public void recordUnsent(Delivery d, String reason) {
        link.recordFinal(d, StoredState.DEAD, reason, true);
    }

    @Override
    public String closeReason() {
        return "not delivered before the dispatcher closed; released to the store for another node";
    }

    @Override
    public PendingInStore close(Map<Delivery, DeliveryOutcome> calledOff) {
        List<Delivery> released = new ArrayList<>();
        Map<Delivery, AttemptRecord> unanswered = new LinkedHashMap<>();
        Instant now = scheduler.now();
        calledOff.forEach((d, o) -> {
            long startNanos = d.attemptInFlightNanos();
            Instant startedAt = d.takeAttemptInFlight();
            if (startedAt == null) {
                released.add(d);
            } else {
                // The request went out and may have arrived: it counts as an attempt, so that the store (and
                // whoever lists it) sees the receiver may already hold this delivery id.
                unanswered.put(d, new AttemptRecord(d.id(), d.event().id(), d.endpoint().endpoint().name(),
                        o.attempts(), startedAt, Duration.ofNanos(System.nanoTime() - startNanos), 0,
                        UNANSWERED_AT_CLOSE, OutcomeClass.RETRYABLE, null, now));
            }
        });
        return link.close(released, unanswered);
    }
}
