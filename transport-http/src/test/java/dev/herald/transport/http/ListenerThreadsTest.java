package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.transport.http.testing.TestReceiver;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Where a dispatcher's listeners run with the real HTTP transport against a real receiver: on Herald's executor,
 * never on a Netty event loop, the transport's deadline thread or the dispatcher's timer thread.
 */
class ListenerThreadsTest {
    /** The thread one listener callback ran on. */
    private record Call(String callback, String thread, boolean netty) {}

    private static final class ThreadRecordingListener implements DeliveryListener {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final List<DeliveryOutcome> outcomes = new CopyOnWriteArrayList<>();

        private void record(String callback) {
            Thread t = Thread.currentThread();
            calls.add(new Call(callback, t.getName(), t instanceof FastThreadLocalThread));
        }

        @Override
        public void onAttempt(AttemptRecord attempt) {
            record("onAttempt " + attempt.endpointName() + " #" + attempt.attempt());
        }

        @Override
        public void onOutcome(DeliveryOutcome outcome) {
            record("onOutcome " + outcome.endpointName());
            outcomes.add(outcome);
        }

        @Override
        public void onRejected(Event event, DispatchResult result) {
            record("onRejected " + result.status());
        }

        @Override
        public void onEndpointDisabled(String endpointName) {
            record("onEndpointDisabled " + endpointName);
        }
    }

    /** An endpoint retried once, soon, so that a retry goes through the dispatcher's timer. */
    private static Endpoint endpoint(String name, URI url, int retries) {
        return Endpoint.builder(url.toString()).name(name).filter(EventFilter.of(EventType.TOOL_SUCCESS))
                .timeout(Duration.ofSeconds(1))
                .retryPolicy(RetryPolicy.builder().retryAttempts(retries).baseDelay(Duration.ofMillis(100)).build())
                .build();
    }

    private static final CompiledTemplate EMPTY_OBJECT = new CompiledTemplate() {
        @Override
        public String key() {
            return "empty";
        }

        @Override
        public byte[] render(Event event) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
    };

    @Test
    void everyListenerCallbackRunsOnHeraldsExecutorNeverOnAnEventLoopOrATimer() {
        ThreadRecordingListener listener = new ThreadRecordingListener();
        // 200; 410 (disables the endpoint); 503 (retried through the timer); no answer (the deadline thread ends it).
        try (TestReceiver receiver = TestReceiver.start((req, res) -> switch (URI.create(req.uri()).getPath()) {
                case "/gone" -> res.status(410).send();
                case "/busy" -> res.status(503).send();
                case "/silent" -> Mono.never();
                default -> res.status(200).send();
            });
                HttpTransport transport = new HttpTransport(
                        HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())) {
            Dispatcher dispatcher = Dispatcher.builder()
                    .endpoint(endpoint("ok", receiver.url("/ok"), 1))
                    .endpoint(endpoint("gone", receiver.url("/gone"), 1))
                    .endpoint(endpoint("busy", receiver.url("/busy"), 1))
                    .endpoint(endpoint("silent", receiver.url("/silent"), 0))
                    .transport(transport).templateRenderer((event, ep) -> EMPTY_OBJECT).listener(listener)
                    .build();

            assertThat(dispatcher.dispatch(Event.builder(EventType.TOOL_SUCCESS).build()).status())
                    .isEqualTo(DispatchResult.Status.ACCEPTED);
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.outcomes.size() == 4);
            dispatcher.close();
            assertThat(dispatcher.dispatch(Event.builder(EventType.TOOL_SUCCESS).build()).status())
                    .isEqualTo(DispatchResult.Status.REJECTED_CLOSED);
        }

        assertThat(listener.outcomes).extracting(DeliveryOutcome::endpointName, DeliveryOutcome::status)
                .containsExactlyInAnyOrder(
                        tuple("ok", DeliveryStatus.DELIVERED),
                        tuple("gone", DeliveryStatus.GONE),
                        tuple("busy", DeliveryStatus.EXHAUSTED),
                        tuple("silent", DeliveryStatus.EXHAUSTED));
        assertThat(listener.calls).extracting(Call::callback).contains("onAttempt ok #1", "onAttempt gone #1",
                "onEndpointDisabled gone", "onAttempt busy #1", "onAttempt busy #2", "onAttempt silent #1",
                "onOutcome ok", "onOutcome gone", "onOutcome busy", "onOutcome silent", "onRejected REJECTED_CLOSED");
        String caller = Thread.currentThread().getName();
        assertThat(listener.calls).allSatisfy(call -> {
            assertThat(call.netty()).as("%s on a Netty thread", call).isFalse();
            assertThat(call.thread()).as("%s", call).doesNotContain("reactor-http", "nio", "epoll", "herald-deadlines",
                    "herald-timer");
        });
        // The rejection that dispatch returns is heard on the caller's thread; the rest on Herald's executor.
        assertThat(listener.calls).filteredOn(call -> !call.callback().startsWith("onRejected"))
                .allSatisfy(call -> assertThat(call.thread()).as("%s", call).startsWith("herald-dispatch-"));
        assertThat(listener.calls).filteredOn(call -> call.callback().startsWith("onRejected"))
                .allSatisfy(call -> assertThat(call.thread()).isEqualTo(caller));
    }
}
