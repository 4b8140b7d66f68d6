package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.event.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Admission without a store: the deliveries are accepted at once and go to rendering on Herald's executor. */
public final class InMemoryAdmission implements Admission {
    private final LiveDeliveries live;
    private final DispatchCounters counters;
    private final Executor executor;
    private final AttemptRunner runner;
    private final Endings endings;

    public InMemoryAdmission(LiveDeliveries live, DispatchCounters counters, Executor executor, AttemptRunner runner,
            Endings endings) {
        this.live = live;
        this.counters = counters;
        this.executor = executor;
        this.runner = runner;
        this.endings = endings;
    }

    @Override
    public DispatchResult admit(Event event, Delivery[] deliveries) {
        String[] ids = new String[deliveries.length];
        for (int i = 0; i < deliveries.length; i++) {
            ids[i] = deliveries[i].id();
            live.add(deliveries[i]);
        }
        counters.eventAccepted();
        try {
            executor.execute(() -> runner.prepare(deliveries));
        } catch (RejectedExecutionException e) {
            for (Delivery d : deliveries) {
                endings.finish(d, DeliveryStatus.CANCELLED, "the dispatcher's executor refused the work");
            }
        }
        // Accepted in memory: nothing will ever hold them but this process.
        return new DispatchResult(DispatchResult.Status.ACCEPTED, List.of(ids));
    }

    /** Nothing to wait for: complete at once with what {@link #admit} returns. */
    @Override
    public CompletableFuture<DispatchResult> admitAsync(Event event, Delivery[] deliveries) {
        return CompletableFuture.completedFuture(admit(event, deliveries));
    }

    /** Nothing to wait for: what {@link #admit} returns, at once. */
    @Override
    public DispatchResult admitAndAwait(Event event, Delivery[] deliveries, Duration deadline) {
        return admit(event, deliveries);
    }
}
