package dev.herald.core.event;

import dev.herald.core.internal.JsonValues;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened and that endpoints may want to hear of. Immutable: metadata and payload are deep
 * copies, so the host may reuse its own objects after handing an event over.
 *
 * <p>An event may carry the W3C trace context of the request it came from ({@link #traceParent()},
 * {@link #traceState()}), so that a tracer can make the event's span a child of that request's. It lives only in
 * memory: a store does not keep it, and an event read back from a store has none.
 */
public final class Event {
    private final String id;
    private final EventType type;
    private final Instant time;
    private final RequestContext context;
    private final Violation violation;
    private final Map<String, Object> metadata;
    private final Object payload;
    private final String traceParent;
    private final String traceState;

    private Event(Builder b) {
        this.id = b.id != null ? b.id : EventIds.newEventId();
        this.type = Objects.requireNonNull(b.type, "event type");
        this.time = b.time != null ? b.time : Instant.now();
        this.context = b.context != null ? b.context : RequestContext.NONE;
        this.violation = b.violation;
        this.metadata = JsonValues.copyOfMap(b.metadata, "metadata");
        this.payload = JsonValues.copyOf(b.payload, "payload");
        this.traceParent = TraceContextFormat.validParent(b.traceParent);
        // A trace state means nothing without the parent it goes with.
        this.traceState = traceParent == null ? null : TraceContextFormat.validState(b.traceState);
        if (id.isBlank()) {
            throw new IllegalArgumentException("event id: must not be blank");
        }
    }

    /** Starts an event of the given type. */
    public static Builder builder(EventType type) {
        return new Builder(type);
    }

    /** Unique id, {@code evt_} and a time-ordered UUID unless the host gave its own. */
    public String id() {
        return id;
    }

    public EventType type() {
        return type;
    }

    /** When the event happened. */
    public Instant time() {
        return time;
    }

    public RequestContext context() {
        return context;
    }

    public Optional<Violation> violation() {
        return Optional.ofNullable(violation);
    }

    /** JSON-like metadata, in the host's order. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The hook's payload, JSON-like, or empty. */
    public Optional<Object> payload() {
        return Optional.ofNullable(payload);
    }

    /**
     * The W3C {@code traceparent} of the request the event came from ({@code 00-<trace id>-<parent id>-<flags>}),
     * when the host handed a valid one over.
     */
    public Optional<String> traceParent() {
        return Optional.ofNullable(traceParent);
    }

    /** The W3C {@code tracestate} that goes with {@link #traceParent()}, when the host handed a valid one over. */
    public Optional<String> traceState() {
        return Optional.ofNullable(traceState);
    }

    /** A copy of this event with the given fields changed. */
    public Builder toBuilder() {
        return new Builder(type).id(id).time(time).context(context).violation(violation).metadata(metadata)
                .payload(payload).traceContext(traceParent, traceState);
    }

    @Override
    public String toString() {
        return "Event[" + id + " " + type + " " + time + "]";
    }

    /** Builds an {@link Event}; unset id and time are generated at {@link #build()}. */
    public static final class Builder {
        private String id;
        private EventType type;
        private Instant time;
        private RequestContext context;
        private Violation violation;
        private Map<String, ?> metadata;
        private Object payload;
        private String traceParent;
        private String traceState;

        private Builder(EventType type) {
            this.type = type;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder type(EventType type) {
            this.type = type;
            return this;
        }

        public Builder time(Instant time) {
            this.time = time;
            return this;
        }

        public Builder context(RequestContext context) {
            this.context = context;
            return this;
        }

        public Builder violation(Violation violation) {
            this.violation = violation;
            return this;
        }

        public Builder metadata(Map<String, ?> metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder payload(Object payload) {
            this.payload = payload;
            return this;
        }

        /**
         * The W3C trace context of the request the event came from: its {@code traceparent} and
         * {@code tracestate} headers' values, either null for none.
         *
         * <p>It comes from outside (a gateway's request), so a value that is not valid is dropped rather than
         * refused: the event goes out all the same, as the start of a trace of its own. A {@code traceparent}
         * is kept only in the format of version {@code 00}, lower-case hex with neither id all zeros; a
         * {@code tracestate} only with a valid {@code traceparent}, when it is at most 512 printable ASCII
         * characters.
         */
        public Builder traceContext(String traceParent, String traceState) {
            this.traceParent = traceParent;
            this.traceState = traceState;
            return this;
        }

        public Event build() {
            return new Event(this);
        }
    }
}
