package dev.herald.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.testing.CountingRenderer;
import dev.herald.core.testing.RecordingListener;
import dev.herald.core.testing.ScriptedTransport;
import dev.herald.core.time.ManualScheduler;
import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An attempt the transport could not let through in time is retried, and recorded as overload, not as connect. */
class OverloadedAttemptTest {
    private final ScriptedTransport transport = new ScriptedTransport();
    private final RecordingListener listener = new RecordingListener();
    private final ManualScheduler clock = new ManualScheduler(Instant.parse("2026-12-03T08:00:00Z"));

    @Test
    void anOverloadedAttemptIsRetriedAndRecordedWithItsOwnErrorType() {
        transport.fail("busy", new TransportException(Kind.OVERLOADED,
                "endpoint 'busy': circuit open, not sent"));
        Endpoint busy = Endpoint.builder("https://busy.example/hook").name("busy")
                .filter(EventFilter.of(EventType.TOOL_SUCCESS))
                .retryPolicy(RetryPolicy.builder().retryAttempts(3).baseDelay(Duration.ofSeconds(1)).build())
                .build();
        Dispatcher d = Dispatcher.builder().endpoints(List.of(busy)).transport(transport)
                .templateRenderer(new CountingRenderer()).scheduler(clock).executor(Runnable::run)
                .listener(listener).build();

        d.dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
        clock.advance(Duration.ofMinutes(1));

        List<AttemptRecord> attempts = listener.attemptsTo("busy");
        assertThat(attempts).hasSize(2);
        AttemptRecord first = attempts.get(0);
        assertThat(first.outcome()).isEqualTo(OutcomeClass.RETRYABLE);
        assertThat(first.statusCode()).isZero();
        assertThat(first.error()).startsWith("overloaded: ").contains("endpoint 'busy'")
                .doesNotStartWith("connect");
        assertThat(first.nextAttemptAt()).isNotNull();
        DeliveryOutcome outcome = listener.outcomeFor("busy");
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(outcome.attempts()).isEqualTo(2);
    }
}
