package dev.herald.store.jdbc.internal;

import dev.herald.core.store.DeliveryAdmin;
import dev.herald.core.store.StoreObservation;
import dev.herald.core.store.StoreObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every observation of one store what it does, so that one that throws neither stops the others nor fails a
 * write: what an observer throws is logged and ignored.
 */
public final class ObservationFanout implements StoreObservation {
    private static final Logger LOG = LoggerFactory.getLogger(ObservationFanout.class);
    private final StoreObservation[] observations;

    private ObservationFanout(List<StoreObservation> observations) {
        this.observations = observations.toArray(StoreObservation[]::new);
    }

    /**
     * Asks each observer for its observation of a store of this kind about to open; {@link StoreObservation#NONE}
     * when none observes, so that the store can skip observing altogether.
     */
    public static StoreObservation opening(Collection<StoreObserver> observers, String kind) {
        List<StoreObservation> each = new ArrayList<>(observers.size());
        for (StoreObserver o : observers) {
            try {
                StoreObservation observation = o.storeOpening(kind);
                if (observation != null && observation != StoreObservation.NONE) {
                    each.add(observation);
                }
            } catch (RuntimeException e) {
                LOG.warn("store observer {} failed on a store's opening", o.getClass().getName(), e);
            }
        }
        return each.isEmpty() ? StoreObservation.NONE : new ObservationFanout(each);
    }

    /** The observation as it is, when it is none or guarded already; otherwise guarded. */
    public static StoreObservation guarded(StoreObservation observation) {
        if (observation == null || observation == StoreObservation.NONE) {
            return StoreObservation.NONE;
        }
        return observation instanceof ObservationFanout ? observation : new ObservationFanout(List.of(observation));
    }

    @Override
    public void opened(DeliveryAdmin store) {
        for (StoreObservation o : observations) {
            try {
                o.opened(store);
            } catch (RuntimeException e) {
                failed(o, "a store's opening", e);
            }
        }
    }

    @Override
    public void writeCommitted(Duration sinceCalled) {
        for (StoreObservation o : observations) {
            try {
                o.writeCommitted(sinceCalled);
            } catch (RuntimeException e) {
                failed(o, "a committed write", e);
            }
        }
    }

    @Override
    public void transactionCommitted(int writes, Duration duration) {
        for (StoreObservation o : observations) {
            try {
                o.transactionCommitted(writes, duration);
            } catch (RuntimeException e) {
                failed(o, "a committed transaction", e);
            }
        }
    }

    private static void failed(StoreObservation o, String what, RuntimeException e) {
        LOG.warn("store observation {} failed on {}", o.getClass().getName(), what, e);
    }
}
