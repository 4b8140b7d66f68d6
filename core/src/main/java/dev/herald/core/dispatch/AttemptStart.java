package dev.herald.core.dispatch;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.HeaderRules;
import dev.herald.core.event.Event;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * An attempt about to be sent, as {@link DispatchObserver#attemptStarted} sees it. Not thread-safe: it is valid
 * only during that call, on its thread.
 */
public final class AttemptStart {
    private final Event event;
    private final Object eventContext;
    private final String deliveryId;
    private final Endpoint endpoint;
    private final int attempt;
    private final Map<String, String> requestHeaders;

    /**
     * An attempt's start over the request's own header map, which {@link #header} adds to.
     *
     * @param event the event
     * @param eventContext what {@link DispatchObserver#eventAccepted} returned for the event in this process, or null
     * @param deliveryId the delivery's id
     * @param endpoint the endpoint it goes to
     * @param attempt the attempt's number, from 1
     * @param requestHeaders the request's headers so far, which {@link #header} adds to
     */
    public AttemptStart(Event event, Object eventContext, String deliveryId, Endpoint endpoint, int attempt,
            Map<String, String> requestHeaders) {
        this.event = Objects.requireNonNull(event, "event");
        this.eventContext = eventContext;
        this.deliveryId = Objects.requireNonNull(deliveryId, "deliveryId");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.attempt = attempt;
        this.requestHeaders = Objects.requireNonNull(requestHeaders, "requestHeaders");
    }

    /** The event. */
    public Event event() {
        return event;
    }

    /**
     * What {@link DispatchObserver#eventAccepted} returned for the event in this process; null when it returned
     * none, or for a delivery adopted from a store (a retry after a restart, another node's work).
     */
    public Object eventContext() {
        return eventContext;
    }

    /** The delivery's id: the same on every attempt, and the request's {@code webhook-id} header. */
    public String deliveryId() {
        return deliveryId;
    }

    /** The endpoint the attempt goes to. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** The attempt's number, from 1; {@code attempt() - 1} is the resend count. */
    public int attempt() {
        return attempt;
    }

    /** The request's headers so far, signature included; read-only. */
    public Map<String, String> headers() {
        return Collections.unmodifiableMap(requestHeaders);
    }

    /**
     * Adds a header to this attempt's request (a trace context). The name must be a valid header name, neither
     * reserved for the transport nor one the request already has (the delivery id, the signature, a configured
     * header): an observer adds, it never replaces.
     *
     * @throws IllegalArgumentException naming the header, when it may not be added
     */
    public void header(String name, String value) {
        HeaderRules.requireConfigurableName(name, "observer header");
        HeaderRules.requireValidValue(value, name);
        for (String present : requestHeaders.keySet()) {
            if (present.equalsIgnoreCase(name)) {
                throw new IllegalArgumentException("observer header: '" + name + "' is already set on the request");
            }
        }
        requestHeaders.put(name, value);
    }
}
