package dev.herald.gateway.testing;

import dev.herald.core.dispatch.AttemptRecord;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what the dispatcher reports, for end-to-end assertions. */
public final class Outcomes implements DeliveryListener {
    public final List<AttemptRecord> attempts = new CopyOnWriteArrayList<>();
    public final List<DeliveryOutcome> outcomes = new CopyOnWriteArrayList<>();

    @Override
    public void onAttempt(AttemptRecord attempt) {
        attempts.add(attempt);
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        outcomes.add(outcome);
    }

    public List<DeliveryOutcome> of(String endpoint) {
        return outcomes.stream().filter(o -> o.endpointName().equals(endpoint)).toList();
    }

    public List<AttemptRecord> attemptsOf(String endpoint) {
        return attempts.stream().filter(a -> a.endpointName().equals(endpoint)).toList();
    }
}
