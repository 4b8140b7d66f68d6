package dev.herald.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.AttemptEnd;
import dev.herald.core.dispatch.AttemptObservation;
import dev.herald.core.dispatch.AttemptStart;
import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Received;
import dev.herald.transport.http.HttpTransportConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An observer a module binds sees what a real receiver gets, and the header it adds arrives there. */
class ObserverBindingTest {

    @Test
    void anObserverBoundThroughGuiceSeesEveryAttemptAndItsHeaderIsSent() {
        List<AttemptEnd> ends = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        DispatchObserver observer = new DispatchObserver() {
            @Override
            public AttemptObservation attemptStarted(AttemptStart start) {
                start.header("x-observed", start.deliveryId());
                return end -> {
                    threads.add(Thread.currentThread().getName());
                    ends.add(end);
                };
            }
        };
        Module observe = b -> Multibinder.newSetBinder(b, DispatchObserver.class).addBinding().toInstance(observer);
        try (TestReceiver receiver = new TestReceiver()) {
            HeraldConfig config = HeraldConfig.builder()
                    .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                    .endpoints(List.of(Endpoint.builder(receiver.url("/in")).name("in")
                            .filter(EventFilter.of(EventType.TOOL_SUCCESS)).build()))
                    .build();
            try (Herald herald = Herald.start(config, observe)) {
                for (int i = 0; i < 3; i++) {
                    herald.dispatcher().dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> ends.size() == 3);
            }
            List<Received> got = receiver.received("/in");
            assertThat(got).hasSize(3);
            assertThat(got).allSatisfy(r -> assertThat(r.headers().get("x-observed"))
                    .isEqualTo(r.headers().get("webhook-id")));
        }
        assertThat(ends).allSatisfy(e -> assertThat(e.statusCode()).isEqualTo(200));
        // Ends are heard on Herald's executor, never on an event loop.
        assertThat(threads).allSatisfy(t -> assertThat(t).startsWith("herald-dispatch-"));
    }
}
