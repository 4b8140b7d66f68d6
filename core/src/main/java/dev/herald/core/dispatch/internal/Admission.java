package dev.herald.core.dispatch.internal;

import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.event.Event;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How an event's deliveries are taken in, once the dispatcher has checked the event, matched its endpoints,
 * reserved room and built its deliveries: the one step its two modes differ in on the way in. In memory
 * ({@link InMemoryAdmission}) they go straight to sending; with a store ({@link DurableAdmission}) they are sent
 * once the store holds them. Either way the room reserved for them is freed when they end or are refused.
 */
public interface Admission {
    /** Takes the deliveries in without waiting; what {@code Dispatcher.dispatch} returns. */
    DispatchResult admit(Event event, Delivery[] deliveries);

    /** Takes the deliveries in; the future completes once they are durable, or refused. */
    CompletableFuture<DispatchResult> admitAsync(Event event, Delivery[] deliveries);

    /** Takes the deliveries in and waits, at most the deadline, until they are durable; refused when they are not. */
    DispatchResult admitAndAwait(Event event, Delivery[] deliveries, Duration deadline);
}
