package dev.herald.metrics.micrometer;

import static dev.herald.metrics.micrometer.MeterNames.ATTEMPTS;
import static dev.herald.metrics.micrometer.MeterNames.ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.transport.http.HttpTransportConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A URL's path and query are often its credential: no meter's tag carries them, nor a delivery's or event's id. */
class MeterTagsTest {
    @Test
    void noTagCarriesTheEndpointsPathQueryOrAnId() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TestReceiver receiver = new TestReceiver()) {
            // No name given: Herald names the endpoint from its host, port and a digest of the path.
            Endpoint endpoint = Endpoint.builder(receiver.url("/secret-path-x7") + "?token=s3cr3t-q")
                    .filter(EventFilter.of(EventType.TOOL_SUCCESS)).build();
            HeraldConfig config = HeraldConfig.builder()
                    .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                    .endpoints(List.of(endpoint)).build();
            DispatchResult result;
            try (Herald herald = Herald.start(config, new MicrometerMetricsModule(registry))) {
                Event event = Event.builder(EventType.TOOL_SUCCESS).build();
                result = herald.dispatcher().dispatch(event);
                await().atMost(Duration.ofSeconds(10)).until(
                        () -> new Readings(registry).counter(ATTEMPTS) == 1 && !receiver.received("/secret-path-x7")
                                .isEmpty());
                List<String> values = registry.getMeters().stream().map(Meter::getId)
                        .flatMap(id -> id.getTags().stream()).map(Tag::getValue).toList();

                assertThat(values).isNotEmpty().contains(endpoint.name());
                assertThat(values).noneMatch(v -> v.contains("secret-path-x7") || v.contains("token")
                        || v.contains("s3cr3t-q") || v.contains("http://") || v.contains(event.id())
                        || result.deliveryIds().stream().anyMatch(v::contains));
                assertThat(registry.getMeters()).filteredOn(m -> m.getId().getTag(ENDPOINT) != null)
                        .isNotEmpty()
                        .allSatisfy(m -> assertThat(m.getId().getTag(ENDPOINT)).isEqualTo(endpoint.name()));
            }
        }
    }
}
