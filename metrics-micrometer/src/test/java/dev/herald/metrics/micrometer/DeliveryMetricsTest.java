package dev.herald.metrics.micrometer;

import static dev.herald.metrics.micrometer.MeterNames.ATTEMPTS;
import static dev.herald.metrics.micrometer.MeterNames.DELIVERIES;
import static dev.herald.metrics.micrometer.MeterNames.DELIVERY_DURATION;
import static dev.herald.metrics.micrometer.MeterNames.ENDPOINT;
import static dev.herald.metrics.micrometer.MeterNames.ENDPOINTS_DISABLED;
import static dev.herald.metrics.micrometer.MeterNames.ERROR_TYPE;
import static dev.herald.metrics.micrometer.MeterNames.EVENTS;
import static dev.herald.metrics.micrometer.MeterNames.HTTP_CLIENT_REQUEST_DURATION;
import static dev.herald.metrics.micrometer.MeterNames.METHOD;
import static dev.herald.metrics.micrometer.MeterNames.OUTCOME;
import static dev.herald.metrics.micrometer.MeterNames.REASON;
import static dev.herald.metrics.micrometer.MeterNames.RESEND_COUNT;
import static dev.herald.metrics.micrometer.MeterNames.RESULT;
import static dev.herald.metrics.micrometer.MeterNames.RETRIES_SCHEDULED;
import static dev.herald.metrics.micrometer.MeterNames.STATUS_CODE;
import static dev.herald.metrics.micrometer.MeterNames.STORE_APPEND_DURATION;
import static dev.herald.metrics.micrometer.MeterNames.STORE_LEASE_RENEWALS;
import static dev.herald.metrics.micrometer.MeterNames.STORE_PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.Outcomes;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import dev.herald.transport.http.HttpTransportConfig;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Herald started with the metrics module against a real receiver whose paths answer 200, 503 then 200, 400, 410,
 * or never: every count equals what the receiver got and what the listeners heard.
 */
class DeliveryMetricsTest {
    private static final RetryPolicy ONE_QUICK_RETRY =
            RetryPolicy.builder().retryAttempts(1).baseDelay(Duration.ofMillis(100)).build();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Readings read = new Readings(registry);

    @Test
    void everyCountEqualsWhatTheReceiverGot() {
        Outcomes outcomes = new Outcomes();
        Module listen = b -> Multibinder.newSetBinder(b, DeliveryListener.class).addBinding().toInstance(outcomes);
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.on("/flaky", n -> n == 1 ? Answer.status(503) : Answer.status(200));
            receiver.on("/bad", n -> Answer.status(400));
            receiver.on("/gone", n -> Answer.status(410));
            receiver.on("/silent", n -> Answer.noAnswer());
            HeraldConfig config = HeraldConfig.builder()
                    .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                    .endpoints(List.of(endpoint(receiver, "ok"), endpoint(receiver, "flaky"),
                            endpoint(receiver, "bad"), endpoint(receiver, "gone"),
                            endpoint(receiver, "silent").toBuilder().timeout(Duration.ofSeconds(1)).build()))
                    .build();
            List<String> deliveryIds = new ArrayList<>();
            try (Herald herald = Herald.start(config, new MicrometerMetricsModule(registry), listen)) {
                // One event first, so that the 410 disables its endpoint before the others are dispatched.
                deliveryIds.addAll(dispatch(herald, EventType.TOOL_SUCCESS).deliveryIds());
                await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.allEnded(deliveryIds));
                deliveryIds.addAll(dispatch(herald, EventType.TOOL_SUCCESS).deliveryIds());
                deliveryIds.addAll(dispatch(herald, EventType.TOOL_SUCCESS).deliveryIds());
                assertThat(dispatch(herald, EventType.TOOL_ERROR).status()).isEqualTo(DispatchResult.Status.NO_MATCH);
                await().atMost(Duration.ofSeconds(15)).until(() -> outcomes.allEnded(deliveryIds));

                assertThat(deliveryIds).hasSize(5 + 4 + 4);
                assertThat(read.counter(EVENTS, RESULT, "accepted", REASON, "none")).isEqualTo(3);
                assertThat(read.counter(EVENTS, RESULT, "unmatched", REASON, "none")).isEqualTo(1);
                assertThat(read.counter(EVENTS, RESULT, "refused")).isZero();
                assertThat(read.gauge(ENDPOINTS_DISABLED)).isEqualTo(1);
                // No store is configured, so no store meter shows.
                assertThat(read.has(STORE_PENDING)).isFalse();
                assertThat(read.has(STORE_APPEND_DURATION)).isFalse();
                assertThat(read.has(STORE_LEASE_RENEWALS)).isFalse();
            }

            for (String name : List.of("ok", "flaky", "bad", "gone", "silent")) {
                int requests = receiver.received("/" + name).size();
                assertThat(read.counter(ATTEMPTS, ENDPOINT, name)).as("attempts to %s", name).isEqualTo(requests);
                assertThat(read.timed(HTTP_CLIENT_REQUEST_DURATION, ENDPOINT, name, METHOD, "POST"))
                        .as("timed attempts to %s", name).isEqualTo(requests);
            }
            assertThat(receiver.received("/ok")).hasSize(3);
            assertThat(receiver.received("/flaky")).hasSize(4);
            assertThat(receiver.received("/bad")).hasSize(3);
            assertThat(receiver.received("/gone")).hasSize(1);
            assertThat(receiver.received("/silent")).hasSize(6);
        }

        // Deliveries by outcome: as the listeners heard them, each timed from its event's acceptance.
        Map<List<String>, Long> heard = outcomes.outcomes.stream().collect(Collectors.groupingBy(
                o -> List.of(o.endpointName(), o.status().name().toLowerCase(Locale.ROOT)), Collectors.counting()));
        assertThat(heard).containsExactlyInAnyOrderEntriesOf(Map.of(
                List.of("ok", "delivered"), 3L, List.of("flaky", "delivered"), 3L, List.of("bad", "rejected"), 3L,
                List.of("gone", "gone"), 1L, List.of("silent", "exhausted"), 3L));
        heard.forEach((key, n) -> {
            assertThat(read.counter(DELIVERIES, ENDPOINT, key.get(0), OUTCOME, key.get(1))).as("%s", key)
                    .isEqualTo(n.doubleValue());
            assertThat(read.timed(DELIVERY_DURATION, ENDPOINT, key.get(0), OUTCOME, key.get(1))).as("%s", key)
                    .isEqualTo(n);
        });
        assertThat(read.counter(DELIVERIES)).isEqualTo(13);
        for (DeliveryStatus never : List.of(DeliveryStatus.CANCELLED, DeliveryStatus.FAILED_TO_PREPARE)) {
            // Registered up front, so that a rate over them reads 0 rather than nothing.
            assertThat(registry.find(DELIVERIES).tags(ENDPOINT, "ok", OUTCOME,
                    never.name().toLowerCase(Locale.ROOT)).counter()).isNotNull();
        }
        // Two timeouts of a second each before an exhausted delivery ends.
        Timer exhausted = registry.get(DELIVERY_DURATION).tags(ENDPOINT, "silent", OUTCOME, "exhausted").timer();
        assertThat(exhausted.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2.0);

        // Attempts by resend count: the first attempts, then the retries.
        assertThat(read.counter(ATTEMPTS, ENDPOINT, "flaky", RESEND_COUNT, "0")).isEqualTo(3);
        assertThat(read.counter(ATTEMPTS, ENDPOINT, "flaky", RESEND_COUNT, "1")).isEqualTo(1);
        assertThat(read.counter(ATTEMPTS, ENDPOINT, "silent", RESEND_COUNT, "0")).isEqualTo(3);
        assertThat(read.counter(ATTEMPTS, ENDPOINT, "silent", RESEND_COUNT, "1")).isEqualTo(3);
        assertThat(read.counter(ATTEMPTS, ENDPOINT, "ok", RESEND_COUNT, "0")).isEqualTo(3);
        assertThat(read.counter(ATTEMPTS, ENDPOINT, "ok", RESEND_COUNT, "1")).isZero();

        // Retries scheduled: after the 503, and after each first timeout.
        assertThat(read.counter(RETRIES_SCHEDULED, ENDPOINT, "flaky")).isEqualTo(1);
        assertThat(read.counter(RETRIES_SCHEDULED, ENDPOINT, "silent")).isEqualTo(3);
        assertThat(read.counter(RETRIES_SCHEDULED, ENDPOINT, "ok")).isZero();
        assertThat(read.counter(RETRIES_SCHEDULED)).isEqualTo(4);

        // Each attempt timed under its answer, or why none came.
        assertThat(read.timed(HTTP_CLIENT_REQUEST_DURATION, ENDPOINT, "ok", STATUS_CODE, "200", ERROR_TYPE, "none"))
                .isEqualTo(3);
        assertThat(read.timed(HTTP_CLIENT_REQUEST_DURATION, ENDPOINT, "flaky", STATUS_CODE, "503",
                ERROR_TYPE, "503")).isEqualTo(1);
        assertThat(read.timed(HTTP_CLIENT_REQUEST_DURATION, ENDPOINT, "flaky", STATUS_CODE, "200",
                ERROR_TYPE, "none")).isEqualTo(3);
        assertThat(read.timed(HTTP_CLIENT_REQUEST_DURATION, ENDPOINT, "bad", STATUS_CODE, "400", ERROR_TYPE, "400"))
                .isEqualTo(3);
        assertThat(read.timed(HTTP_CLIENT_REQUEST_DURATION, ENDPOINT, "gone", STATUS_CODE, "410", ERROR_TYPE, "410"))
                .isEqualTo(1);
        assertThat(read.timed(HTTP_CLIENT_REQUEST_DURATION, ENDPOINT, "silent", STATUS_CODE, "none",
                ERROR_TYPE, "timeout")).isEqualTo(6);
        assertThat(registry.get(HTTP_CLIENT_REQUEST_DURATION).tags(ENDPOINT, "silent").timer()
                .max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(900);
    }

    private static Endpoint endpoint(TestReceiver receiver, String name) {
        return Endpoint.builder(receiver.url("/" + name)).name(name).filter(EventFilter.of(EventType.TOOL_SUCCESS))
                .retryPolicy(ONE_QUICK_RETRY).build();
    }

    private static DispatchResult dispatch(Herald herald, EventType type) {
        return herald.dispatcher().dispatch(Event.builder(type).build());
    }
}
