package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.core.dispatch.AttemptStart;
import dev.herald.core.dispatch.AttemptObservation;
import dev.herald.core.dispatch.AttemptEnd;
import dev.herald.core.dispatch.DeliveryEnd;
import dev.herald.core.dispatch.DeliveryMdc;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.event.Event;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every observer, so that one that throws neither stops the others nor changes a delivery. With one observer
 * it hands back that observer's own event context and attempt observation; with several, one of each per observer.
 */
public final class ObserverFanout implements DispatchObserver {
    private static final Logger LOG = LoggerFactory.getLogger(ObserverFanout.class);
    private final DispatchObserver[] observers;

    private ObserverFanout(List<DispatchObserver> observers) {
        this.observers = observers.toArray(DispatchObserver[]::new);
    }

    /** {@link DispatchObserver#NONE} for none, so that the dispatcher can skip observing altogether. */
    public static DispatchObserver of(List<DispatchObserver> observers) {
        return observers.isEmpty() ? DispatchObserver.NONE : new ObserverFanout(observers);
    }

    @Override
    public Object eventAccepted(Event event, int deliveries) {
        if (observers.length == 1) {
            return accepted(observers[0], event, deliveries);
        }
        Object[] contexts = new Object[observers.length];
        for (int i = 0; i < observers.length; i++) {
            contexts[i] = accepted(observers[i], event, deliveries);
        }
        return contexts;
    }

    private static Object accepted(DispatchObserver o, Event event, int deliveries) {
        try {
            return o.eventAccepted(event, deliveries);
        } catch (RuntimeException e) {
            LOG.warn("dispatch observer {} failed on an accepted event", o.getClass().getName(), e);
            return null;
        }
    }

    @Override
    public void eventUnmatched(Event event) {
        each(o -> o.eventUnmatched(event), "an unmatched event");
    }

    @Override
    public AttemptObservation attemptStarted(AttemptStart start) {
        if (observers.length == 1) {
            return started(observers[0], start);
        }
        Object[] contexts = start.eventContext() instanceof Object[] all ? all : null;
        AttemptObservation[] each = new AttemptObservation[observers.length];
        for (int i = 0; i < observers.length; i++) {
            AttemptStart own = new AttemptStart(start.event(), contexts == null ? null : contexts[i],
                    start.deliveryId(), start.endpoint(), start.attempt(), new HeaderView(start));
            each[i] = started(observers[i], own);
        }
        return end -> {
            for (AttemptObservation a : each) {
                ended(a, end, start.deliveryId(), start.endpoint().name(), start.event().type().name());
            }
        };
    }

    private static AttemptObservation started(DispatchObserver o, AttemptStart start) {
        try {
            AttemptObservation a = o.attemptStarted(start);
            return a != null ? a : AttemptObservation.NONE;
        } catch (RuntimeException e) {
            DeliveryMdc.around(start.deliveryId(), start.endpoint().name(), start.event().type().name(), () ->
                    LOG.warn("dispatch observer {} failed on an attempt's start", o.getClass().getName(), e));
            return AttemptObservation.NONE;
        }
    }

    @Override
    public void eventRejected(Event event, DispatchResult result) {
        each(o -> o.eventRejected(event, result), "a refused event");
    }

    @Override
    public void deliveryEnded(DeliveryEnd end) {
        for (DispatchObserver o : observers) {
            try {
                o.deliveryEnded(end);
            } catch (RuntimeException e) {
                DeliveryMdc.around(end.deliveryId(), end.endpointName(), end.eventType(), () ->
                        LOG.warn("dispatch observer {} failed on a delivery's end", o.getClass().getName(), e));
            }
        }
    }

    @Override
    public void endpointDisabled(String endpointName) {
        each(o -> o.endpointDisabled(endpointName), "a disabled endpoint");
    }

    @Override
    public void leasesRenewed(int held, int wanted) {
        each(o -> o.leasesRenewed(held, wanted), "renewed leases");
    }

    @Override
    public void leaseLost(String endpointName) {
        each(o -> o.leaseLost(endpointName), "a lost lease");
    }

    @Override
    public void dueDeliveriesLeased(int count, int kept) {
        each(o -> o.dueDeliveriesLeased(count, kept), "leased due deliveries");
    }

    private void each(Consumer<DispatchObserver> call, String what) {
        for (DispatchObserver o : observers) {
            try {
                call.accept(o);
            } catch (RuntimeException e) {
                LOG.warn("dispatch observer {} failed on {}", o.getClass().getName(), what, e);
            }
        }
    }

    /** Ends an observation of an attempt of this delivery, keeping what it throws from the delivery. */
    static void ended(AttemptObservation a, AttemptEnd end, String deliveryId, String endpointName,
            String eventType) {
        try {
            a.ended(end);
        } catch (RuntimeException e) {
            DeliveryMdc.around(deliveryId, endpointName, eventType, () ->
                    LOG.warn("attempt observation {} failed on an attempt's end", a.getClass().getName(), e));
        }
    }

    /** Each observer's view of the shared request headers: what one adds, the next sees and cannot replace. */
    private static final class HeaderView extends AbstractMap<String, String> {
        private final AttemptStart shared;

        HeaderView(AttemptStart shared) {
            this.shared = shared;
        }

        @Override
        public Set<Map.Entry<String, String>> entrySet() {
            return shared.headers().entrySet();
        }

        @Override
        public String put(String name, String value) {
            shared.header(name, value);
            return null;
        }
    }
}
