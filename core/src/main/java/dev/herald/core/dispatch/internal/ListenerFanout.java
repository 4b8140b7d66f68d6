package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryMdc;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.event.Event;
import dev.herald.core.store.AttemptRecord;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every listener, so that one that throws neither stops the others nor reaches the pipeline. */
public final class ListenerFanout implements DeliveryListener {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerFanout.class);
    private final List<DeliveryListener> listeners;

    public ListenerFanout(List<DeliveryListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Whether anyone listens; records are only built when someone does. */
    public boolean isEmpty() {
        return listeners.isEmpty();
    }

    @Override
    public void onAttempt(AttemptRecord attempt) {
        for (DeliveryListener l : listeners) {
            try {
                l.onAttempt(attempt);
            } catch (RuntimeException e) {
                DeliveryMdc.around(attempt.deliveryId(), attempt.endpointName(), null, () ->
                        LOG.warn("delivery listener {} failed on an attempt record", l.getClass().getName(), e));
            }
        }
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        for (DeliveryListener l : listeners) {
            try {
                l.onOutcome(outcome);
            } catch (RuntimeException e) {
                DeliveryMdc.around(outcome.deliveryId(), outcome.endpointName(), outcome.event().type().name(), () ->
                        LOG.warn("delivery listener {} failed on an outcome", l.getClass().getName(), e));
            }
        }
    }

    @Override
    public void onRejected(Event event, DispatchResult result) {
        for (DeliveryListener l : listeners) {
            try {
                l.onRejected(event, result);
            } catch (RuntimeException e) {
                LOG.warn("delivery listener {} failed on a rejection", l.getClass().getName(), e);
            }
        }
    }

    @Override
    public void onEndpointDisabled(String endpointName) {
        for (DeliveryListener l : listeners) {
            try {
                l.onEndpointDisabled(endpointName);
            } catch (RuntimeException e) {
                LOG.warn("delivery listener {} failed on a disabled endpoint", l.getClass().getName(), e);
            }
        }
    }
}
