package dev.herald.core.testing;

import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.event.Event;
import dev.herald.core.store.AttemptRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything the dispatcher publishes, for assertions. */
public final class RecordingListener implements DeliveryListener {
    public final List<AttemptRecord> attempts = new CopyOnWriteArrayList<>();
    public final List<DeliveryOutcome> outcomes = new CopyOnWriteArrayList<>();
    public final List<DispatchResult> rejections = new CopyOnWriteArrayList<>();
    public final List<String> disabled = new CopyOnWriteArrayList<>();

    @Override
    public void onAttempt(AttemptRecord attempt) {
        attempts.add(attempt);
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        outcomes.add(outcome);
    }

    @Override
    public void onRejected(Event event, DispatchResult result) {
        rejections.add(result);
    }

    @Override
    public void onEndpointDisabled(String endpointName) {
        disabled.add(endpointName);
    }

    public List<AttemptRecord> attemptsTo(String endpoint) {
        return attempts.stream().filter(a -> a.endpointName().equals(endpoint)).toList();
    }

    public DeliveryOutcome outcomeFor(String endpoint) {
        return outcomes.stream().filter(o -> o.endpointName().equals(endpoint)).findFirst().orElseThrow();
    }
}
