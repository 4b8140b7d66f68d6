package dev.herald.core.dispatch;

import java.util.List;

/**
 * What {@link Dispatcher#dispatch} (or {@link Dispatcher#dispatchAndAwait}, {@link Dispatcher#dispatchAsync}) did
 * with an event.
 *
 * @param status accepted, or why not
 * @param deliveryIds one id per endpoint the event goes to, when accepted
 * @param reason why the event was refused, in words; null when it was not
 * @param durable whether the delivery store holds the event's deliveries, so that they survive a crash: true only
 *     for an event accepted with a store once the store confirmed it; an event {@link Dispatcher#dispatch}
 *     accepted with a store is not durable yet, and may still be refused through
 *     {@link DeliveryListener#onRejected}
 */
public record DispatchResult(Status status, List<String> deliveryIds, String reason, boolean durable) {
    private static final DispatchResult NO_MATCH = new DispatchResult(Status.NO_MATCH, List.of());
    private static final DispatchResult FULL = new DispatchResult(Status.REJECTED_FULL, List.of(),
            "the dispatcher holds as many deliveries as its capacity allows");
    private static final DispatchResult CLOSED = new DispatchResult(Status.REJECTED_CLOSED, List.of(),
            "the dispatcher is closed");

    /** Why an event was or was not accepted. */
    public enum Status {
        /**
         * Deliveries were created; their outcomes reach the listeners. With a store, see {@link #durable()} for
         * whether the store holds them yet.
         */
        ACCEPTED,
        /** No enabled endpoint wants this event; nothing to do. */
        NO_MATCH,
        /** The dispatcher holds as many deliveries as its capacity allows; the event was not taken. */
        REJECTED_FULL,
        /** The dispatcher is closing or closed. */
        REJECTED_CLOSED,
        /**
         * The delivery store failed to store the event's deliveries, or did not confirm them in time; nothing was
         * sent. The reason says which.
         */
        REJECTED_STORE
    }

    public DispatchResult {
        deliveryIds = List.copyOf(deliveryIds);
    }

    /** A result that no store holds. */
    public DispatchResult(Status status, List<String> deliveryIds, String reason) {
        this(status, deliveryIds, reason, false);
    }

    /** A result without a reason, that no store holds. */
    public DispatchResult(Status status, List<String> deliveryIds) {
        this(status, deliveryIds, null);
    }

    static DispatchResult noMatch() {
        return NO_MATCH;
    }

    static DispatchResult full() {
        return FULL;
    }

    static DispatchResult closed() {
        return CLOSED;
    }

    /** Whether the event was taken (possibly for no endpoint at all). */
    public boolean accepted() {
        return status == Status.ACCEPTED || status == Status.NO_MATCH;
    }

    /** Whether the event was refused and will not be delivered. */
    public boolean rejected() {
        return !accepted();
    }
}
