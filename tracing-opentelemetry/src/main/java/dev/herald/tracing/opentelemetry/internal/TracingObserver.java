package dev.herald.tracing.opentelemetry.internal;

import dev.herald.core.dispatch.AttemptObservation;
import dev.herald.core.dispatch.AttemptStart;
import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Herald's spans, on an {@link OpenTelemetry}:
 * <ul>
 *   <li>{@code publish <event type>} (PRODUCER), started and ended when an event is taken: the child of the
 *       event's own W3C trace context when it carries one ({@link Event#traceParent()}), else of the caller's
 *       current context (none on a thread that has none);</li>
 *   <li>{@code POST} (CLIENT), one per attempt, from its start to its answer: the root of a trace of its own,
 *       linked to its event's span (an attempt may come long after the event, a retry hours later), with no link
 *       for a delivery adopted from a store.</li>
 * </ul>
 * To an endpoint that {@linkplain Endpoint#propagateTraceContext() opts in}, an attempt's request carries the
 * attempt span's W3C context ({@code traceparent}, and {@code tracestate} when there is one). Only the W3C trace
 * context goes, whatever propagators the application configured: baggage may hold what no third party should see.
 *
 * <p>Never throws into the dispatcher: a failure of the tracer is logged and the delivery goes on untraced.
 */
public final class TracingObserver implements DispatchObserver {
    /** The instrumentation scope of Herald's spans. */
    public static final String INSTRUMENTATION_SCOPE = "dev.herald.tracing.opentelemetry";
    private static final String METHOD = "POST";
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    // A bound on each cache, should a host make endless event types or endpoints: past it, nothing is cached.
    private static final int MAX_CACHED = 4096;
    private static final long REANCHOR_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Tracer tracer;
    private final ObserverErrors errors = new ObserverErrors();
    // Per URL and per event type, so that an attempt parses no URL and an event builds no name: a dispatcher has
    // a fixed set of endpoints, and event types are few.
    private final Map<URI, ServerAddress> servers = new ConcurrentHashMap<>();
    private final Map<String, String> publishNames = new ConcurrentHashMap<>();
    // Written by whichever thread re-anchors; a stale read only moves one timestamp by less than a clock step.
    private volatile Anchor anchor = new Anchor();

    /** Traces on {@code openTelemetry}'s tracer provider. */
    public TracingObserver(OpenTelemetry openTelemetry) {
        this.tracer = Objects.requireNonNull(openTelemetry, "openTelemetry").getTracer(INSTRUMENTATION_SCOPE);
    }

    /** Returns the event span's {@link SpanContext}, or null when the tracer made no valid one (a no-op tracer). */
    @Override
    public Object eventAccepted(Event event, int deliveries) {
        try {
            String type = event.type().name();
            String name = publishNames.get(type);
            if (name == null) {
                name = publishNames.size() < MAX_CACHED ? publishNames.computeIfAbsent(type, t -> "publish " + t)
                        : "publish " + type;
            }
            Span span = tracer.spanBuilder(name)
                    .setSpanKind(SpanKind.PRODUCER)
                    .setParent(parentOf(event))
                    .startSpan();
            // Set once sampled, not on the builder: a span the sampler drops then costs no attribute work.
            if (span.isRecording()) {
                span.setAttribute(SpanAttributes.MESSAGING_SYSTEM, SpanAttributes.SYSTEM)
                        .setAttribute(SpanAttributes.MESSAGING_OPERATION_NAME, "publish")
                        .setAttribute(SpanAttributes.MESSAGING_OPERATION_TYPE, "send")
                        .setAttribute(SpanAttributes.EVENT_TYPE, type)
                        .setAttribute(SpanAttributes.EVENT_ID, event.id())
                        .setAttribute(SpanAttributes.EVENT_DELIVERIES, deliveries);
            }
            span.end();
            SpanContext context = span.getSpanContext();
            return context.isValid() ? context : null;
        } catch (RuntimeException e) {
            errors.failed("an accepted event", e);
            return null;
        }
    }

    private static Context parentOf(Event event) {
        if (event.traceParent().isEmpty()) {
            // On the caller's thread: a library user's own span, if one is current, is the event's parent.
            return Context.current();
        }
        return W3C.extract(Context.root(), event, EventTraceContext.INSTANCE);
    }

    @Override
    public AttemptObservation attemptStarted(AttemptStart start) {
        try {
            Endpoint endpoint = start.endpoint();
            ServerAddress server = servers.get(endpoint.url());
            if (server == null) {
                server = servers.size() < MAX_CACHED ? servers.computeIfAbsent(endpoint.url(), ServerAddress::of)
                        : ServerAddress.of(endpoint.url());
            }
            long startEpochNanos = epochNanosNow();
            // The HTTP client conventions' sampling-relevant attributes go on the builder, for the sampler; the rest
            // are set once sampled, so that a span the sampler drops costs no attribute work.
            SpanBuilder builder = tracer.spanBuilder(METHOD)
                    .setSpanKind(SpanKind.CLIENT)
                    .setNoParent()
                    .setStartTimestamp(startEpochNanos, TimeUnit.NANOSECONDS)
                    .setAttribute(SpanAttributes.HTTP_REQUEST_METHOD, METHOD)
                    .setAttribute(SpanAttributes.SERVER_ADDRESS, server.address())
                    .setAttribute(SpanAttributes.SERVER_PORT, server.port())
                    .setAttribute(SpanAttributes.URL_FULL, server.redactedUrl());
            if (start.attempt() > 1) {
                // As the HTTP client conventions have it: set on a resend only, absent on a first attempt.
                builder.setAttribute(SpanAttributes.HTTP_REQUEST_RESEND_COUNT, start.attempt() - 1L);
            }
            if (start.eventContext() instanceof SpanContext event && event.isValid()) {
                builder.addLink(event);
            }
            Span span = builder.startSpan();
            if (span.isRecording()) {
                span.setAttribute(SpanAttributes.MESSAGING_SYSTEM, SpanAttributes.SYSTEM)
                        .setAttribute(SpanAttributes.MESSAGING_DESTINATION_NAME, endpoint.name())
                        .setAttribute(SpanAttributes.MESSAGING_MESSAGE_ID, start.deliveryId())
                        .setAttribute(SpanAttributes.EVENT_TYPE, start.event().type().name())
                        .setAttribute(SpanAttributes.EVENT_ID, start.event().id());
            }
            if (endpoint.propagateTraceContext()) {
                W3C.inject(Context.root().with(span), start, AttemptHeaders.INSTANCE);
            }
            return new AttemptSpan(span, startEpochNanos, errors);
        } catch (RuntimeException e) {
            errors.failed("an attempt's start", e);
            return AttemptObservation.NONE;
        }
    }

    /**
     * The wall clock in epoch nanoseconds, read as the SDK reads it: an anchor taken with {@code Instant.now()}
     * and moved by {@code System.nanoTime()}, which is several times cheaper per attempt; re-anchored every
     * minute, so that the wall clock's own adjustments are followed.
     */
    private long epochNanosNow() {
        long nanoTime = System.nanoTime();
        Anchor a = anchor;
        if (nanoTime - a.nanoTime > REANCHOR_NANOS) {
            a = new Anchor();
            anchor = a;
            return a.epochNanos;
        }
        return a.epochNanos + (nanoTime - a.nanoTime);
    }

    /** A moment read on both clocks. */
    private static final class Anchor {
        final long nanoTime = System.nanoTime();
        final long epochNanos;

        Anchor() {
            Instant now = Instant.now();
            epochNanos = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        }
    }

    /** Reads an event's trace context as the W3C propagator reads headers. */
    private enum EventTraceContext implements TextMapGetter<Event> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Event event) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Event event, String key) {
            if (event == null) {
                return null;
            }
            return switch (key) {
                case "traceparent" -> event.traceParent().orElse(null);
                case "tracestate" -> event.traceState().orElse(null);
                default -> null;
            };
        }
    }

    /** Adds the propagator's headers to an attempt's request, unless the endpoint's own headers already set one. */
    private enum AttemptHeaders implements TextMapSetter<AttemptStart> {
        INSTANCE;

        @Override
        public void set(AttemptStart start, String name, String value) {
            if (start == null) {
                return;
            }
            for (String present : start.headers().keySet()) {
                if (present.equalsIgnoreCase(name)) {
                    return;
                }
            }
            start.header(name, value);
        }
    }
}
