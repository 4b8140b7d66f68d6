package dev.herald.metrics.micrometer;

import static dev.herald.metrics.micrometer.MeterNames.BACKLOG_DELIVERIES;
import static dev.herald.metrics.micrometer.MeterNames.BACKLOG_IN_FLIGHT;
import static dev.herald.metrics.micrometer.MeterNames.BACKLOG_OLDEST_AGE;
import static dev.herald.metrics.micrometer.MeterNames.BACKLOG_RETRY_WAITING;
import static dev.herald.metrics.micrometer.MeterNames.DELIVERIES;
import static dev.herald.metrics.micrometer.MeterNames.ENDPOINT;
import static dev.herald.metrics.micrometer.MeterNames.ENDPOINTS_DISABLED;
import static dev.herald.metrics.micrometer.MeterNames.ENDPOINT_QUEUE_DEPTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import dev.herald.transport.http.HttpTransportConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backlog gauges show what a receiver holding its answers leaves outstanding, then nothing once it answers. */
class BacklogMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Readings read = new Readings(registry);

    @Test
    void theGaugesShowWhatIsHeldAndFallToZeroOnceAnswered() {
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.hold("/held");
            // Its first attempt answers 503, and the retry waits long enough for the gauges to see it waiting.
            receiver.on("/later", n -> n == 1 ? Answer.status(503) : Answer.status(200));
            HeraldConfig config = HeraldConfig.builder()
                    .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                    .maxInFlightPerEndpoint(2)
                    .endpoints(List.of(
                            Endpoint.builder(receiver.url("/held")).name("held")
                                    .filter(EventFilter.of(EventType.TOOL_SUCCESS)).build(),
                            Endpoint.builder(receiver.url("/later")).name("later")
                                    .filter(EventFilter.of(EventType.TOOL_ERROR))
                                    .retryPolicy(RetryPolicy.builder().retryAttempts(1)
                                            .baseDelay(Duration.ofSeconds(4)).build()).build()))
                    .build();
            try (Herald herald = Herald.start(config, new MicrometerMetricsModule(registry))) {
                // Before anything is dispatched: every gauge is registered, and reads nothing.
                assertThat(read.gauge(BACKLOG_DELIVERIES)).isZero();
                assertThat(read.gauge(ENDPOINT_QUEUE_DEPTH, ENDPOINT, "held")).isZero();
                assertThat(read.gauge(ENDPOINTS_DISABLED)).isZero();

                for (int i = 0; i < 5; i++) {
                    herald.dispatcher().dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
                }
                herald.dispatcher().dispatch(Event.builder(EventType.TOOL_ERROR).build());
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/held").size() == 2
                        && receiver.received("/later").size() == 1);

                // Two in flight to the held endpoint, three queued behind them, one waiting for its retry.
                await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                    assertThat(read.gauge(BACKLOG_DELIVERIES)).isEqualTo(6);
                    assertThat(read.gauge(BACKLOG_IN_FLIGHT)).isEqualTo(2);
                    assertThat(read.gauge(BACKLOG_RETRY_WAITING)).isEqualTo(1);
                    assertThat(read.gauge(ENDPOINT_QUEUE_DEPTH, ENDPOINT, "held")).isEqualTo(3);
                    assertThat(read.gauge(ENDPOINT_QUEUE_DEPTH, ENDPOINT, "later")).isZero();
                    assertThat(read.seconds(BACKLOG_OLDEST_AGE)).isPositive();
                });

                receiver.release("/held");
                await().atMost(Duration.ofSeconds(15)).until(() -> read.counter(DELIVERIES) == 6);
                await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
                    assertThat(read.gauge(BACKLOG_DELIVERIES)).isZero();
                    assertThat(read.gauge(BACKLOG_IN_FLIGHT)).isZero();
                    assertThat(read.gauge(BACKLOG_RETRY_WAITING)).isZero();
                    assertThat(read.gauge(ENDPOINT_QUEUE_DEPTH, ENDPOINT, "held")).isZero();
                    assertThat(read.seconds(BACKLOG_OLDEST_AGE)).isZero();
                });
                assertThat(receiver.received("/held")).hasSize(5);
            }
            // Closed: the gauges, which read the dispatcher, have left the registry; the counts stay.
            assertThat(read.has(BACKLOG_DELIVERIES)).isFalse();
            assertThat(read.has(BACKLOG_OLDEST_AGE)).isFalse();
            assertThat(read.has(ENDPOINT_QUEUE_DEPTH)).isFalse();
            assertThat(read.has(ENDPOINTS_DISABLED)).isFalse();
            assertThat(read.counter(DELIVERIES, ENDPOINT, "held")).isEqualTo(5);
        }
    }
}
