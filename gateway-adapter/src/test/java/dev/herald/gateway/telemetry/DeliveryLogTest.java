package dev.herald.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.AttemptObservation;
import dev.herald.core.dispatch.AttemptStart;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.store.AttemptRecord;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.LogCapture;
import dev.herald.engine.testing.Outcomes;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import dev.herald.gateway.testing.JsonLogLines;
import dev.herald.transport.http.HttpTransportConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The log lines about one delivery carry its id, endpoint and event type in the MDC: serve's line for each
 * delivery's end, and the core's lines about a listener or an observer that failed on a delivery; the MDC is
 * cleared after each, so that no pooled thread hands it to the next task. As JSON, each line is one object with
 * the MDC keys in it.
 */
class DeliveryLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestReceiver receiver = new TestReceiver();
    private final Outcomes outcomes = new Outcomes();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Herald start(Module extra) {
        RetryPolicy once = RetryPolicy.builder().retryAttempts(0).build();
        HeraldConfig config = HeraldConfig.builder()
                .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                .endpoints(List.of(
                        Endpoint.builder(receiver.url("/ok")).name("ok").filter(EventFilter.of(EventType.TOOL_ERROR))
                                .retryPolicy(once).build(),
                        Endpoint.builder(receiver.url("/refuses")).name("refuses")
                                .filter(EventFilter.of(EventType.TOOL_ERROR)).retryPolicy(once).build()))
                .build();
        Module listeners = b -> {
            Multibinder<DeliveryListener> set = Multibinder.newSetBinder(b, DeliveryListener.class);
            set.addBinding().toInstance(new DeliveryLog());
            set.addBinding().toInstance(outcomes);
        };
        return Herald.start(config, listeners, extra);
    }

    private static List<ILoggingEvent> from(LogCapture log, String logger) {
        return log.events().stream().filter(e -> e.getLoggerName().equals(logger)).toList();
    }

    @Test
    void eachDeliverysEndIsOneLineWithItsDeliveryInTheMdcAndOneJsonObjectAsJson() throws Exception {
        receiver.on("/refuses", n -> Answer.status(400));
        try (LogCapture log = LogCapture.start(Level.INFO)) {
            try (Herald herald = start(b -> { })) {
                herald.dispatcher().dispatch(Event.builder(EventType.TOOL_ERROR).build());
                herald.dispatcher().dispatch(Event.builder(EventType.TOOL_ERROR).build());
                await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.outcomes.size() == 4);
            }
            List<ILoggingEvent> lines = from(log, DeliveryLog.class.getName());

            assertThat(lines).hasSize(4);
            for (String endpoint : List.of("ok", "refuses")) {
                List<String> ids = receiver.received("/" + endpoint).stream()
                        .map(r -> r.headers().get("webhook-id")).toList();
                List<ILoggingEvent> about = lines.stream()
                        .filter(e -> endpoint.equals(e.getMDCPropertyMap().get("endpoint"))).toList();
                assertThat(about).extracting(e -> e.getMDCPropertyMap().get("delivery_id"))
                        .containsExactlyInAnyOrderElementsOf(ids);
                assertThat(about).allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                        .containsEntry("event_type", "tool_error").hasSize(3));
            }
            assertThat(lines).filteredOn(e -> e.getMDCPropertyMap().get("endpoint").equals("ok"))
                    .allSatisfy(e -> {
                        assertThat(e.getLevel()).isEqualTo(Level.INFO);
                        assertThat(e.getFormattedMessage()).isEqualTo("delivery delivered: 1 attempt, last status 200");
                    });
            assertThat(lines).filteredOn(e -> e.getMDCPropertyMap().get("endpoint").equals("refuses"))
                    .allSatisfy(e -> {
                        assertThat(e.getLevel()).isEqualTo(Level.WARN);
                        assertThat(e.getFormattedMessage()).isEqualTo("delivery rejected: 1 attempt, last status 400");
                    });

            JsonLogLines json = JsonLogLines.fromTheCommandsConfig();
            for (ILoggingEvent e : lines) {
                String line = json.render(e);
                assertThat(line).endsWith("\n").doesNotContain("/ok", "/refuses");
                assertThat(line.strip()).doesNotContain("\n");
                JsonNode object = JSON.readTree(line);
                assertThat(object.get("timestamp").asLong()).isEqualTo(e.getTimeStamp());
                assertThat(object.get("level").asText()).isEqualTo(e.getLevel().toString());
                assertThat(object.get("loggerName").asText()).isEqualTo(DeliveryLog.class.getName());
                assertThat(object.get("formattedMessage").asText()).isEqualTo(e.getFormattedMessage());
                assertThat(object.get("mdc").get("delivery_id").asText()).startsWith("msg_")
                        .isEqualTo(e.getMDCPropertyMap().get("delivery_id"));
                assertThat(object.get("mdc").get("endpoint").asText()).isIn("ok", "refuses");
                assertThat(object.get("mdc").get("event_type").asText()).isEqualTo("tool_error");
            }
        }
    }

    /** Records the MDC each callback finds when it starts: a leak from an earlier one would show there. */
    private static final class MdcProbe implements DeliveryListener {
        final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onAttempt(AttemptRecord attempt) {
            seen.add(MDC.getCopyOfContextMap());
        }

        @Override
        public void onOutcome(DeliveryOutcome outcome) {
            seen.add(MDC.getCopyOfContextMap());
        }
    }

    @Test
    void aListenerOrObserverFailingOnADeliveryIsLoggedWithItAndTheMdcIsClearedAfter() {
        MdcProbe probe = new MdcProbe();
        DeliveryListener failing = new DeliveryListener() {
            @Override
            public void onOutcome(DeliveryOutcome outcome) {
                throw new IllegalStateException("listener broke");
            }
        };
        DispatchObserver observer = new DispatchObserver() {
            @Override
            public AttemptObservation attemptStarted(AttemptStart start) {
                return end -> {
                    throw new IllegalStateException("observation broke");
                };
            }
        };
        Module extra = b -> {
            Multibinder<DeliveryListener> set = Multibinder.newSetBinder(b, DeliveryListener.class);
            set.addBinding().toInstance(failing);
            set.addBinding().toInstance(probe);
            Multibinder.newSetBinder(b, DispatchObserver.class).addBinding().toInstance(observer);
        };
        try (LogCapture log = LogCapture.start(Level.INFO)) {
            try (Herald herald = start(extra)) {
                for (int i = 0; i < 3; i++) {
                    herald.dispatcher().dispatch(Event.builder(EventType.TOOL_ERROR).build());
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.outcomes.size() == 6);
            }
            List<ILoggingEvent> failures = log.events().stream()
                    .filter(e -> e.getFormattedMessage().contains(" failed on ")).toList();

            assertThat(failures).filteredOn(e -> e.getFormattedMessage().contains("on an outcome")).hasSize(6);
            assertThat(failures).filteredOn(e -> e.getFormattedMessage().contains("on an attempt's end")).hasSize(6);
            List<String> ids = outcomes.outcomes.stream().map(DeliveryOutcome::deliveryId).toList();
            assertThat(failures).hasSize(12).allSatisfy(e -> {
                assertThat(e.getMDCPropertyMap().get("delivery_id")).isIn(ids);
                assertThat(e.getMDCPropertyMap().get("endpoint")).isIn("ok", "refuses");
                assertThat(e.getMDCPropertyMap()).containsEntry("event_type", "tool_error");
            });
        }
        // Each callback after a failure, on the same pooled threads, starts with nothing in the MDC.
        assertThat(probe.seen).hasSize(12).allSatisfy(m -> assertThat(m == null ? Map.of() : m).isEmpty());
    }
}
