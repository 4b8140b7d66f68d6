package dev.herald.tracing.opentelemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.herald.core.dispatch.AttemptEnd;
import dev.herald.core.dispatch.AttemptObservation;
import dev.herald.core.dispatch.AttemptStart;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.OutcomeClass;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The observer on its own: what the end-to-end runs cannot easily reach. */
class TracingObserverTest {
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
    private final TracingObserver observer = new TracingObserver(sdk);
    private final Event event = Event.builder(EventType.TOOL_ERROR).build();

    @AfterEach
    void close() {
        sdk.close();
    }

    private static AttemptStart start(Event event, Object eventContext, Endpoint endpoint,
            Map<String, String> headers) {
        return new AttemptStart(event, eventContext, "dlv_1", endpoint, 1, headers);
    }

    @Test
    void anEventWithoutATraceContextIsAChildOfTheCallersCurrentSpan() {
        Span caller = sdk.getTracer("application").spanBuilder("handle order").startSpan();
        Object eventContext;
        try (Scope ignored = caller.makeCurrent()) {
            eventContext = observer.eventAccepted(event, 2);
        }
        caller.end();

        SpanData published = exporter.getFinishedSpanItems().get(0);
        assertThat(published.getName()).isEqualTo("publish tool_error");
        assertThat(published.getParentSpanContext()).isEqualTo(caller.getSpanContext());
        assertThat(eventContext).isEqualTo(published.getSpanContext()).isInstanceOf(SpanContext.class);
    }

    @Test
    void anAttemptOfADeliveryAdoptedFromAStoreHasNoLink() {
        Endpoint endpoint = Endpoint.builder("https://hooks.example.com/x").name("x").build();
        observer.attemptStarted(start(event, null, endpoint, new LinkedHashMap<>()))
                .ended(new AttemptEnd(200, null, Duration.ofMillis(5), OutcomeClass.SUCCESS, null, null));

        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertThat(span.getLinks()).isEmpty();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("herald.event.id"))).isEqualTo(event.id());
    }

    @Test
    void anAttemptWithoutAnAnswerNamesWhyAndLastsAsLongAsTheExchange() {
        Endpoint endpoint = Endpoint.builder("https://hooks.example.com/x").name("x").build();
        AttemptObservation observation = observer.attemptStarted(start(event, null, endpoint, new LinkedHashMap<>()));
        observation.ended(new AttemptEnd(0, "timeout", Duration.ofMillis(1234), OutcomeClass.RETRYABLE,
                Duration.ofSeconds(1), null));

        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("timeout");
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isNull();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getEndEpochNanos() - span.getStartEpochNanos()).isEqualTo(Duration.ofMillis(1234).toNanos());
    }

    @Test
    void aTraceparentTheEndpointConfiguresItselfIsKept() {
        Endpoint endpoint = Endpoint.builder("https://hooks.example.com/x").name("x").propagateTraceContext(true)
                .headers(Map.of("traceparent", "configured")).build();
        Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
        AttemptObservation observation = observer.attemptStarted(start(event, null, endpoint, headers));

        assertThat(headers).containsExactly(Map.entry("traceparent", "configured"));
        assertThat(observation).isInstanceOf(AttemptSpan.class);
    }

    @Test
    void aFailingTracerNeverReachesTheDispatcher() {
        TracingObserver failing = new TracingObserver(failingOpenTelemetry());
        Endpoint endpoint = Endpoint.builder("https://hooks.example.com/x").name("x").propagateTraceContext(true)
                .build();
        Map<String, String> headers = new LinkedHashMap<>();

        assertThatCode(() -> {
            assertThat(failing.eventAccepted(event, 1)).isNull();
            AttemptObservation observation = failing.attemptStarted(start(event, null, endpoint, headers));
            observation.ended(new AttemptEnd(200, null, Duration.ofMillis(1), OutcomeClass.SUCCESS, null, null));
        }).doesNotThrowAnyException();
        assertThat(headers).isEmpty();
    }

    @Test
    void theNoopOpenTelemetryGivesNoEventContextAndAddsNoHeader() {
        TracingObserver noop = new TracingObserver(OpenTelemetry.noop());
        Endpoint endpoint = Endpoint.builder("https://hooks.example.com/x").name("x").propagateTraceContext(true)
                .build();
        Map<String, String> headers = new LinkedHashMap<>();

        assertThat(noop.eventAccepted(event, 1)).isNull();
        noop.attemptStarted(start(event, null, endpoint, headers))
                .ended(new AttemptEnd(200, null, Duration.ofMillis(1), OutcomeClass.SUCCESS, null, null));
        assertThat(headers).isEmpty();
    }

    @Test
    void aSpanTheSamplerDropsIsNotExportedYetItsTraceContextStillReachesAnEndpointThatOptsIn() {
        InMemorySpanExporter dropped = InMemorySpanExporter.create();
        try (OpenTelemetrySdk sampledOut = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .setSampler(Sampler.alwaysOff()).addSpanProcessor(SimpleSpanProcessor.create(dropped)).build())
                .build()) {
            TracingObserver sampling = new TracingObserver(sampledOut);
            Endpoint endpoint = Endpoint.builder("https://hooks.example.com/x").name("x")
                    .propagateTraceContext(true).build();
            Map<String, String> headers = new LinkedHashMap<>();

            Object eventContext = sampling.eventAccepted(event, 1);
            sampling.attemptStarted(start(event, eventContext, endpoint, headers))
                    .ended(new AttemptEnd(503, null, Duration.ofMillis(1), OutcomeClass.RETRYABLE, null, null));

            assertThat(dropped.getFinishedSpanItems()).isEmpty();
            // The receiver may still join the trace: the decision not to sample travels with it (the sampled bit of
            // the flags is clear; the SDK may set the random-trace-id bit, 02).
            assertThat(headers.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[02]");
        }
    }

    private static OpenTelemetry failingOpenTelemetry() {
        Tracer tracer = new Tracer() {
            @Override
            public SpanBuilder spanBuilder(String spanName) {
                throw new IllegalStateException("tracer broken");
            }
        };
        TracerProvider provider = new TracerProvider() {
            @Override
            public Tracer get(String instrumentationScopeName) {
                return tracer;
            }

            @Override
            public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
                return tracer;
            }
        };
        return new OpenTelemetry() {
            @Override
            public TracerProvider getTracerProvider() {
                return provider;
            }

            @Override
            public ContextPropagators getPropagators() {
                return ContextPropagators.noop();
            }
        };
    }
}
