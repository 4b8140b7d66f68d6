package dev.herald.metrics.micrometer;

import static dev.herald.metrics.micrometer.MeterNames.DELIVERIES;
import static dev.herald.metrics.micrometer.MeterNames.EVENTS;
import static dev.herald.metrics.micrometer.MeterNames.REASON;
import static dev.herald.metrics.micrometer.MeterNames.RESULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.dispatch.DispatchResult.Status;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.metrics.micrometer.internal.DispatchMeters;
import dev.herald.transport.http.HttpTransportConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events refused are counted by why: the dispatcher was full, closed, or the store did not hold them. */
class RefusalMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Readings read = new Readings(registry);

    @Test
    void aFullAndAClosedDispatcherRefuseAndSaySo() {
        Herald closed;
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.hold("/held");
            HeraldConfig config = HeraldConfig.builder()
                    .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                    .capacity(1)
                    .endpoints(List.of(Endpoint.builder(receiver.url("/held")).name("held")
                            .filter(EventFilter.of(EventType.TOOL_SUCCESS)).build()))
                    .build();
            try (Herald herald = Herald.start(config, new MicrometerMetricsModule(registry))) {
                closed = herald;
                assertThat(dispatch(herald).status()).isEqualTo(Status.ACCEPTED);
                assertThat(dispatch(herald).status()).isEqualTo(Status.REJECTED_FULL);
                assertThat(dispatch(herald).status()).isEqualTo(Status.REJECTED_FULL);
                receiver.release("/held");
                await().atMost(Duration.ofSeconds(10)).until(() -> read.counter(DELIVERIES) == 1);
            }
        }
        assertThat(dispatch(closed).status()).isEqualTo(Status.REJECTED_CLOSED);

        assertThat(read.counter(EVENTS, RESULT, "accepted", REASON, "none")).isEqualTo(1);
        assertThat(read.counter(EVENTS, RESULT, "refused", REASON, "full")).isEqualTo(2);
        assertThat(read.counter(EVENTS, RESULT, "refused", REASON, "closed")).isEqualTo(1);
        assertThat(read.counter(EVENTS, RESULT, "refused", REASON, "store")).isZero();
        assertThat(read.counter(EVENTS, RESULT, "unmatched")).isZero();
    }

    @Test
    void anEventTheStoreDidNotHoldIsRefusedForTheStore() {
        // A store's refusal needs a store that fails; what the observer makes of it is the same whatever failed.
        DispatchMeters meters = new DispatchMeters(registry);
        meters.eventRejected(Event.builder(EventType.TOOL_SUCCESS).build(),
                new DispatchResult(Status.REJECTED_STORE, List.of(), "the store did not confirm in time"));

        assertThat(read.counter(EVENTS, RESULT, "refused", REASON, "store")).isEqualTo(1);
        assertThat(read.counter(EVENTS, RESULT, "refused")).isEqualTo(1);
    }

    private static DispatchResult dispatch(Herald herald) {
        return herald.dispatcher().dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
    }
}
