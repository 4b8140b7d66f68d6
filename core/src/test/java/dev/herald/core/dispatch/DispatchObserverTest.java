package dev.herald.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.testing.CountingRenderer;
import dev.herald.core.testing.RecordingListener;
import dev.herald.core.testing.ScriptedTransport;
import dev.herald.core.time.ManualScheduler;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.core.transport.TransportResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an observer sees of events and attempts, what it may add to a request, and that it cannot break one. */
class DispatchObserverTest {
    private final ScriptedTransport transport = new ScriptedTransport();
    private final ManualScheduler clock = new ManualScheduler(Instant.parse("2026-12-03T08:00:00Z"));
    private final RecordingListener listener = new RecordingListener();

    private static Endpoint endpoint(String name, EventType type) {
        return Endpoint.builder("https://" + name + ".example/hook").name(name).filter(EventFilter.of(type))
                .retryPolicy(RetryPolicy.builder().retryAttempts(2).baseDelay(Duration.ofSeconds(1)).build())
                .build();
    }

    private Dispatcher dispatcher(DispatchObserver... observers) {
        Dispatcher.Builder b = Dispatcher.builder()
                .endpoints(List.of(endpoint("a", EventType.TOOL_SUCCESS), endpoint("b", EventType.TOOL_SUCCESS)))
                .transport(transport).templateRenderer(new CountingRenderer()).scheduler(clock)
                .executor(Runnable::run).listener(listener);
        for (DispatchObserver o : observers) {
            b.observer(o);
        }
        return b.build();
    }

    /** Records everything it is told, and hands each event a context of its own. */
    static final class Recorder implements DispatchObserver {
        final List<String> events = new ArrayList<>();
        final List<String> starts = new ArrayList<>();
        final List<AttemptEnd> ends = new ArrayList<>();
        final String header;

        Recorder(String header) {
            this.header = header;
        }

        @Override
        public Object eventAccepted(Event event, int deliveries) {
            events.add("accepted " + event.id() + " x" + deliveries);
            return "ctx-" + header + "-" + event.id();
        }

        @Override
        public void eventUnmatched(Event event) {
            events.add("unmatched " + event.id());
        }

        @Override
        public AttemptObservation attemptStarted(AttemptStart start) {
            starts.add(start.endpoint().name() + "#" + start.attempt() + " " + start.eventContext() + " "
                    + start.headers().containsKey("webhook-id"));
            start.header(header, start.deliveryId());
            return ends::add;
        }
    }

    @Test
    void anObserverSeesEachEventAndEachAttemptWithHowItEnded() {
        transport.fail("a", new TransportException(Kind.TIMEOUT, "endpoint 'a': no answer in time"))
                .answer("a", TransportResponse.of(200)).answer("b", TransportResponse.of(400));
        Recorder recorder = new Recorder("x-trace");
        Dispatcher d = dispatcher(recorder);
        Event event = Event.builder(EventType.TOOL_SUCCESS).build();
        Event unmatched = Event.builder(EventType.RESOURCE_SUCCESS).build();

        d.dispatch(event);
        d.dispatch(unmatched);
        clock.advance(Duration.ofMinutes(1));

        assertThat(recorder.events).containsExactly("accepted " + event.id() + " x2", "unmatched " + unmatched.id());
        String ctx = "ctx-x-trace-" + event.id();
        assertThat(recorder.starts).containsExactlyInAnyOrder("a#1 " + ctx + " true", "b#1 " + ctx + " true",
                "a#2 " + ctx + " true");
        assertThat(recorder.ends).hasSize(3);
        AttemptEnd timedOut = recorder.ends.stream().filter(e -> "timeout".equals(e.errorType())).findFirst()
                .orElseThrow();
        assertThat(timedOut.statusCode()).isZero();
        assertThat(timedOut.outcome()).isEqualTo(OutcomeClass.RETRYABLE);
        assertThat(timedOut.retryDelay()).isNotNull();
        assertThat(timedOut.finalStatus()).isNull();
        assertThat(recorder.ends).filteredOn(e -> e.statusCode() == 200).singleElement()
                .satisfies(e -> assertThat(e.finalStatus()).isEqualTo(DeliveryStatus.DELIVERED))
                .satisfies(e -> assertThat(e.errorType()).isNull());
        assertThat(recorder.ends).filteredOn(e -> e.statusCode() == 400).singleElement()
                .satisfies(e -> assertThat(e.finalStatus()).isEqualTo(DeliveryStatus.REJECTED));
        // What the observer added was sent, on every attempt, carrying the delivery's id as it was told.
        for (OutboundRequest r : transport.requests()) {
            assertThat(r.headers()).containsEntry("x-trace", r.headers().get("webhook-id"));
        }
    }

    @Test
    void severalObserversEachGetTheirOwnContextAndAddTheirOwnHeaders() {
        Recorder first = new Recorder("x-first");
        Recorder second = new Recorder("x-second");
        Dispatcher d = dispatcher(first, second);
        Event event = Event.builder(EventType.TOOL_SUCCESS).build();

        d.dispatch(event);

        assertThat(first.starts).allMatch(s -> s.contains("ctx-x-first-" + event.id()));
        assertThat(second.starts).allMatch(s -> s.contains("ctx-x-second-" + event.id()));
        assertThat(transport.requests()).hasSize(2).allSatisfy(r -> assertThat(r.headers())
                .containsKeys("x-first", "x-second"));
        assertThat(first.ends).hasSize(2);
        assertThat(second.ends).hasSize(2);
    }

    @Test
    void anObserverThatThrowsOrTriesToReplaceAHeaderChangesNoDelivery() {
        DispatchObserver hostile = new DispatchObserver() {
            @Override
            public Object eventAccepted(Event event, int deliveries) {
                throw new IllegalStateException("observer broke");
            }

            @Override
            public AttemptObservation attemptStarted(AttemptStart start) {
                start.header("webhook-signature", "forged");
                return end -> {
                    throw new IllegalStateException("never heard");
                };
            }
        };
        Dispatcher d = dispatcher(hostile);

        d.dispatch(Event.builder(EventType.TOOL_SUCCESS).build());

        assertThat(listener.outcomeFor("a").status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(listener.outcomeFor("b").status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void anObserverMayNotReplaceWhatTheRequestAlreadyCarries() {
        List<String> refused = new ArrayList<>();
        DispatchObserver replacing = new DispatchObserver() {
            @Override
            public AttemptObservation attemptStarted(AttemptStart start) {
                for (String name : List.of("webhook-id", "Content-Length", "bad header")) {
                    try {
                        start.header(name, "x");
                    } catch (IllegalArgumentException e) {
                        refused.add(e.getMessage());
                    }
                }
                return AttemptObservation.NONE;
            }
        };
        Dispatcher d = dispatcher(replacing);

        d.dispatch(Event.builder(EventType.TOOL_SUCCESS).build());

        assertThat(refused).hasSize(6);
        assertThat(transport.requests()).allSatisfy(r -> assertThat(r.headers().get("webhook-id")).isNotEqualTo("x"));
        AttemptStart start = new AttemptStart(Event.builder(EventType.TOOL_SUCCESS).build(), null, "d1",
                endpoint("a", EventType.TOOL_SUCCESS), 1, new java.util.LinkedHashMap<>(java.util.Map.of("X-A", "1")));
        assertThatThrownBy(() -> start.header("x-a", "2")).hasMessageContaining("'x-a' is already set");
    }

    @Test
    void anObserverHearsEachEndRefusalAndDisabledEndpointWithTheTimeSinceAcceptance() {
        transport.answer("a", TransportResponse.of(503), TransportResponse.of(200)).answer("b", TransportResponse.of(410));
        List<DeliveryEnd> ends = new ArrayList<>();
        List<String> other = new ArrayList<>();
        DispatchObserver observer = new DispatchObserver() {
            @Override
            public void deliveryEnded(DeliveryEnd end) {
                ends.add(end);
            }

            @Override
            public void eventRejected(Event event, DispatchResult result) {
                other.add("rejected " + result.status());
            }

            @Override
            public void endpointDisabled(String endpointName) {
                other.add("disabled " + endpointName);
            }
        };
        Dispatcher d = dispatcher(observer);

        d.dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
        clock.advance(Duration.ofSeconds(5));
        d.close(Duration.ZERO);
        d.dispatch(Event.builder(EventType.TOOL_SUCCESS).build());

        assertThat(ends).extracting(DeliveryEnd::endpointName, DeliveryEnd::status, DeliveryEnd::attempts,
                DeliveryEnd::eventType).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a", DeliveryStatus.DELIVERED, 2, "tool_success"),
                        org.assertj.core.groups.Tuple.tuple("b", DeliveryStatus.GONE, 1, "tool_success"));
        // a waited for its retry on the manual clock; b ended at once.
        DeliveryEnd a = ends.stream().filter(e -> e.endpointName().equals("a")).findFirst().orElseThrow();
        assertThat(a.sinceAccepted()).isGreaterThanOrEqualTo(Duration.ofSeconds(1))
                .isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(ends.stream().filter(e -> e.endpointName().equals("b")).findFirst().orElseThrow()
                .sinceAccepted()).isZero();
        assertThat(other).containsExactly("disabled b", "rejected " + DispatchResult.Status.REJECTED_CLOSED);
    }

    @Test
    void theBacklogSaysWhatWaitsInMemoryAndHowOldTheOldestIs() {
        transport.holdAll();
        Dispatcher d = Dispatcher.builder()
                .endpoints(List.of(endpoint("a", EventType.TOOL_SUCCESS), endpoint("b", EventType.TOOL_SUCCESS)))
                .transport(transport).templateRenderer(new CountingRenderer()).scheduler(clock)
                .executor(Runnable::run).maxInFlightPerEndpoint(1).build();

        assertThat(d.backlog().outstanding()).isZero();
        assertThat(d.backlog().oldestUndeliveredAge()).isZero();
        d.dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
        clock.advance(Duration.ofMillis(300));
        d.dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
        d.dispatch(Event.builder(EventType.TOOL_SUCCESS).build());

        Backlog held = d.backlog();
        assertThat(held.outstanding()).isEqualTo(6);
        assertThat(held.inFlight()).isEqualTo(2);
        assertThat(held.queuedByEndpoint()).containsEntry("a", 2).containsEntry("b", 2).hasSize(2);
        assertThat(held.oldestUndeliveredAge()).isEqualTo(Duration.ofMillis(300));

        transport.answerHeldAndKeepHolding(503);
        Backlog waiting = d.backlog();
        // The two answered wait for their retry; the next two went out in their places.
        assertThat(waiting.waitingForRetry()).isEqualTo(2);
        assertThat(waiting.inFlight()).isEqualTo(2);
        assertThat(waiting.queuedByEndpoint()).containsEntry("a", 1).containsEntry("b", 1);
        assertThat(waiting.outstanding()).isEqualTo(6);

        d.close(Duration.ZERO);
        Backlog closed = d.backlog();
        assertThat(closed.waitingForRetry()).isZero();
        assertThat(closed.outstanding()).isZero();
        assertThat(closed.queuedByEndpoint()).containsEntry("a", 0).containsEntry("b", 0);
        assertThat(closed.oldestUndeliveredAge()).isZero();
    }
}
