package dev.herald.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.Transport;
import dev.herald.core.transport.TransportResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A user binds an own transport in place of the HTTP one, and the rest of Herald is unchanged. */
class CustomTransportTest {

    @Test
    void aTransportBoundThroughGuiceReplacesTheHttpOne() {
        List<OutboundRequest> sent = new CopyOnWriteArrayList<>();
        Transport queue = request -> {
            sent.add(request);
            return CompletableFuture.completedFuture(TransportResponse.of(202));
        };
        HeraldConfig config = HeraldConfig.builder().endpoints(List.of(Endpoint.builder("https://queue.example/in")
                .name("queue").filter(EventFilter.of(EventType.TOOL_SUCCESS)).build())).build();

        try (Herald herald = Herald.start(config, binder -> binder.bind(Transport.class).toInstance(queue))) {
            herald.dispatcher().dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
            await().atMost(Duration.ofSeconds(5)).until(() -> herald.dispatcher().stats().deliveriesDelivered() == 1);
        }

        assertThat(sent).hasSize(1);
        assertThat(new String(sent.get(0).body())).contains("\"event\": \"tool_success\"");
    }
}
