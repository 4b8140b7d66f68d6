package dev.herald.engine.testing;

import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.store.AttemptRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what the dispatcher reports, for end-to-end assertions. */
public final class Outcomes implements DeliveryListener {
    public final List<AttemptRecord> attempts = new CopyOnWriteArrayList<>();
    public final List<DeliveryOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final Map<String, DeliveryOutcome> byId = new ConcurrentHashMap<>();

    @Override
    public void onAttempt(AttemptRecord attempt) {
        attempts.add(attempt);
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        outcomes.add(outcome);
        byId.put(outcome.deliveryId(), outcome);
    }

    /** The delivery's outcome, or null while it has not ended. */
    public DeliveryOutcome outcomeOf(String deliveryId) {
        return byId.get(deliveryId);
    }

    /** Whether every one of these deliveries has ended. */
    public boolean allEnded(Collection<String> deliveryIds) {
        return deliveryIds.stream().allMatch(byId::containsKey);
    }

    public List<DeliveryOutcome> of(String endpoint) {
        return outcomes.stream().filter(o -> o.endpointName().equals(endpoint)).toList();
    }

    public List<AttemptRecord> attemptsOf(String endpoint) {
        return attempts.stream().filter(a -> a.endpointName().equals(endpoint)).toList();
    }
}
