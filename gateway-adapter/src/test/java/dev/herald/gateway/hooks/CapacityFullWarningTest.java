package dev.herald.gateway.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.EventType;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.engine.testing.LogCapture;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When capacity is full the hook answers {@code continue_processing: true}, as a notifier must, but it used to say
 * nothing at all: now a WARN tells it, at most one per ten seconds, with the count refused since the last one. The
 * clock is the test's, so that ten seconds pass without waiting.
 */
class CapacityFullWarningTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicLong nanos = new AtomicLong(1_000);

    @Test
    void refusalsAreWarnedAtMostOncePerPeriodWithTheirCount() throws Exception {
        WebhookNotificationPlugin plugin = pluginWithRoomForOne();
        JsonNode payload = JSON.readTree("{\"name\": \"search\", \"result\": {\"isError\": false}}");
        JsonNode context = JSON.readTree("{\"global_context\": {\"request_id\": \"r1\"}}");

        try (LogCapture log = LogCapture.start(Level.INFO)) {
            // The first takes the only place and never ends; every later one is refused.
            assertThat(plugin.invoke("tool_post_invoke", payload, context)).isEqualTo(PluginResult.CONTINUE);
            for (int i = 0; i < 5; i++) {
                assertThat(plugin.invoke("tool_post_invoke", payload, context)).isEqualTo(PluginResult.CONTINUE);
            }
            assertThat(warnings(log)).singleElement().asString()
                    .contains("capacity is full: 1 events refused since the last warning (1 in all");

            nanos.addAndGet(WebhookNotificationPlugin.WARNING_PERIOD.toNanos() - 1);
            plugin.invoke("tool_post_invoke", payload, context);
            assertThat(warnings(log)).hasSize(1);

            nanos.addAndGet(1);
            plugin.invoke("tool_post_invoke", payload, context);
            assertThat(warnings(log)).hasSize(2).last().asString()
                    .contains("capacity is full: 6 events refused since the last warning (7 in all, the latest a"
                            + " tool_success)", "continue_processing: true");
        }
    }

    private WebhookNotificationPlugin pluginWithRoomForOne() {
        CompiledTemplate empty = new CompiledTemplate() {
            @Override
            public String key() {
                return "empty";
            }

            @Override
            public byte[] render(dev.herald.core.event.Event event) {
                return new byte[] {'{', '}'};
            }
        };
        Dispatcher dispatcher = Dispatcher.builder()
                .endpoint(Endpoint.builder("https://hooks.example/h").filter(EventFilter.of(EventType.BUILT_IN))
                        .build())
                .templateRenderer((event, endpoint) -> empty).executor(Runnable::run).capacity(1)
                .transport(r -> new CompletableFuture<>()).build();
        return new WebhookNotificationPlugin("WebhookNotification", dispatcher, false, nanos::get);
    }

    private static List<String> warnings(LogCapture log) {
        return log.events().stream().filter(e -> e.getLevel() == Level.WARN).map(e -> e.getFormattedMessage())
                .toList();
    }
}
