package dev.herald.core.dispatch;

import java.util.List;

/**
 * What {@link Dispatcher#dispatch} did with an event, known at once.
 *
 * @param status accepted, or why not
 * @param deliveryIds one id per endpoint the event goes to, when accepted
 */
public record DispatchResult(Status status, List<String> deliveryIds) {
    private static final DispatchResult NO_MATCH = new DispatchResult(Status.NO_MATCH, List.of());
    private static final DispatchResult FULL = new DispatchResult(Status.REJECTED_FULL, List.of());
    private static final DispatchResult CLOSED = new DispatchResult(Status.REJECTED_CLOSED, List.of());

    /** Why an event was or was not accepted. */
    public enum Status {
        /** Deliveries were created; their outcomes reach the listeners. */
        ACCEPTED,
        /** No enabled endpoint wants this event; nothing to do. */
        NO_MATCH,
        /** The dispatcher holds as many deliveries as its capacity allows; the event was not taken. */
        REJECTED_FULL,
        /** The dispatcher is closing or closed. */
        REJECTED_CLOSED
    }

    public DispatchResult {
        deliveryIds = List.copyOf(deliveryIds);
    }

    static DispatchResult accepted(List<String> ids) {
        return new DispatchResult(Status.ACCEPTED, ids);
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
        return status == Status.REJECTED_FULL || status == Status.REJECTED_CLOSED;
    }
}
