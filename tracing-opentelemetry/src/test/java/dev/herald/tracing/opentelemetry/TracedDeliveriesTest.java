package dev.herald.tracing.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import dev.herald.engine.testing.TestReceiver.Received;
import dev.herald.transport.http.HttpTransportConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real deliveries to a loopback receiver, traced through the SDK's in-memory exporter: the spans an operator sees,
 * and the trace context a receiver gets, or does not.
 */
class TracedDeliveriesTest {
    private static final RetryPolicy FAST = RetryPolicy.builder().retryAttempts(3)
            .baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(200)).build();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_ID = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_ID + "-01";

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
    private final TestReceiver receiver = new TestReceiver();

    @AfterEach
    void close() {
        receiver.close();
        sdk.close();
    }

    private Endpoint.Builder endpoint(String name, String path) {
        return Endpoint.builder(receiver.url(path + "?token=s3cr3t")).name(name)
                .filter(EventFilter.of(EventType.TOOL_SUCCESS)).retryPolicy(FAST).timeout(Duration.ofSeconds(5));
    }

    private Herald start(List<Endpoint> endpoints, Module... modules) {
        HeraldConfig config = HeraldConfig.builder()
                .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                .endpoints(endpoints).build();
        return Herald.start(config, modules);
    }

    private List<SpanData> spans(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().size() >= count);
        return exporter.getFinishedSpanItems();
    }

    private static SpanData eventSpan(List<SpanData> spans) {
        List<SpanData> events = spans.stream().filter(s -> s.getKind() == SpanKind.PRODUCER).toList();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static List<SpanData> attemptSpans(List<SpanData> spans) {
        return spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT)
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
    }

    private static <T> T attr(SpanData span, AttributeKey<T> key) {
        return span.getAttributes().get(key);
    }

    private static String traceparentOf(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getSpanContext().getTraceFlags().asHex();
    }

    @Test
    void aDeliveryWithRetriesIsOneEventSpanAndOneLinkedPostSpanPerAttempt() {
        receiver.on("/in", n -> Answer.status(n < 3 ? 503 : 200));
        Event event = Event.builder(EventType.TOOL_SUCCESS).build();
        List<SpanData> spans;
        try (Herald herald = start(List.of(endpoint("in", "/in").build()), new OpenTelemetryTracingModule(sdk))) {
            assertThat(herald.dispatcher().dispatch(event).status()).isEqualTo(DispatchResult.Status.ACCEPTED);
            spans = spans(4);
        }
        List<Received> got = receiver.received("/in");
        assertThat(got).hasSize(3);
        String deliveryId = got.get(0).headers().get("webhook-id");

        assertThat(spans).hasSize(4);
        SpanData published = eventSpan(spans);
        assertThat(published.getName()).isEqualTo("publish tool_success");
        assertThat(published.getParentSpanContext().isValid()).isFalse();
        assertThat(attr(published, AttributeKey.stringKey("herald.event.type"))).isEqualTo("tool_success");
        assertThat(attr(published, AttributeKey.stringKey("herald.event.id"))).isEqualTo(event.id());
        assertThat(attr(published, AttributeKey.longKey("herald.event.deliveries"))).isEqualTo(1L);
        assertThat(attr(published, AttributeKey.stringKey("messaging.system"))).isEqualTo("herald");
        assertThat(attr(published, AttributeKey.stringKey("messaging.operation.type"))).isEqualTo("send");

        List<SpanData> attempts = attemptSpans(spans);
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(SpanData::getName).containsOnly("POST");
        assertThat(attempts).extracting(s -> attr(s, AttributeKey.longKey("http.request.resend_count")))
                .containsExactly(null, 1L, 2L);
        assertThat(attempts).extracting(s -> attr(s, AttributeKey.longKey("http.response.status_code")))
                .containsExactly(503L, 503L, 200L);
        assertThat(attempts).extracting(s -> attr(s, AttributeKey.stringKey("error.type")))
                .containsExactly("503", "503", null);
        assertThat(attempts).extracting(s -> s.getStatus().getStatusCode())
                .containsExactly(StatusCode.ERROR, StatusCode.ERROR, StatusCode.UNSET);
        for (SpanData attempt : attempts) {
            assertThat(attempt.getLinks()).extracting(LinkData::getSpanContext)
                    .containsExactly(published.getSpanContext());
            // A trace of its own: a retry may come long after the event's trace has ended.
            assertThat(attempt.getParentSpanContext().isValid()).isFalse();
            assertThat(attempt.getTraceId()).isNotEqualTo(published.getTraceId());
            assertThat(attr(attempt, AttributeKey.stringKey("http.request.method"))).isEqualTo("POST");
            assertThat(attr(attempt, AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
            assertThat(attr(attempt, AttributeKey.longKey("server.port"))).isEqualTo((long) receiver.port());
            assertThat(attr(attempt, AttributeKey.stringKey("url.full")))
                    .isEqualTo("http://127.0.0.1:" + receiver.port() + "/REDACTED");
            assertThat(attr(attempt, AttributeKey.stringKey("messaging.destination.name"))).isEqualTo("in");
            assertThat(attr(attempt, AttributeKey.stringKey("messaging.message.id"))).isEqualTo(deliveryId);
            assertThat(attr(attempt, AttributeKey.stringKey("herald.event.id"))).isEqualTo(event.id());
            assertThat(attempt.getEndEpochNanos()).isGreaterThanOrEqualTo(attempt.getStartEpochNanos());
            assertThat(attempt.getAttributes().asMap().values()).noneSatisfy(v -> assertThat(v.toString())
                    .containsAnyOf("/in", "s3cr3t"));
        }
        // The endpoint did not opt in: the receiver got no trace context.
        assertThat(got).allSatisfy(r -> assertThat(r.headers()).doesNotContainKeys("traceparent", "tracestate"));
    }

    @Test
    void anEventFromATracedRequestIsItsChildAndOnlyAnOptedInEndpointGetsTheAttemptsContext() {
        Endpoint optedIn = endpoint("opted", "/opted").propagateTraceContext(true).build();
        Endpoint plain = endpoint("plain", "/plain").build();
        Event event = Event.builder(EventType.TOOL_SUCCESS).traceContext(TRACEPARENT, "congo=t61rcWkgMzE").build();
        List<SpanData> spans;
        try (Herald herald = start(List.of(optedIn, plain), new OpenTelemetryTracingModule(sdk))) {
            herald.dispatcher().dispatch(event);
            spans = spans(3);
        }
        SpanData published = eventSpan(spans);
        assertThat(published.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(published.getParentSpanId()).isEqualTo(PARENT_ID);
        assertThat(published.getParentSpanContext().isRemote()).isTrue();
        assertThat(published.getSpanContext().getTraceState().get("congo")).isEqualTo("t61rcWkgMzE");
        assertThat(attr(published, AttributeKey.longKey("herald.event.deliveries"))).isEqualTo(2L);

        SpanData toOptedIn = attemptSpans(spans).stream()
                .filter(s -> "opted".equals(attr(s, AttributeKey.stringKey("messaging.destination.name"))))
                .findFirst().orElseThrow();
        assertThat(toOptedIn.getLinks()).extracting(LinkData::getSpanContext)
                .containsExactly(published.getSpanContext());
        Received opted = receiver.received("/opted").get(0);
        assertThat(opted.headers().get("traceparent"))
                .isEqualTo(traceparentOf(toOptedIn));
        Received notOpted = receiver.received("/plain").get(0);
        assertThat(notOpted.headers()).doesNotContainKeys("traceparent", "tracestate");
    }

    @Test
    void withoutABoundOpenTelemetryNothingIsTracedNorSentAndDeliveriesGoOn() {
        Endpoint optedIn = endpoint("opted", "/opted").propagateTraceContext(true).build();
        Event event = Event.builder(EventType.TOOL_SUCCESS).traceContext(TRACEPARENT, null).build();
        try (Herald herald = start(List.of(optedIn), new OpenTelemetryTracingModule())) {
            herald.dispatcher().dispatch(event);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/opted").size() == 1);
        }
        assertThat(receiver.received("/opted").get(0).headers()).doesNotContainKeys("traceparent", "tracestate");
        assertThat(exporter.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void theNoArgumentModuleTracesOnTheOpenTelemetryTheApplicationBinds() {
        Module application = b -> b.bind(OpenTelemetry.class).toInstance(sdk);
        try (Herald herald = start(List.of(endpoint("in", "/in").propagateTraceContext(true).build()),
                new OpenTelemetryTracingModule(), application)) {
            herald.dispatcher().dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
            List<SpanData> spans = spans(2);
            assertThat(eventSpan(spans).getName()).isEqualTo("publish tool_success");
            SpanData attempt = attemptSpans(spans).get(0);
            assertThat(receiver.received("/in").get(0).headers().get("traceparent"))
                    .isEqualTo(traceparentOf(attempt));
        }
    }
}
