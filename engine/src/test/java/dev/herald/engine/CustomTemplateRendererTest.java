package dev.herald.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.core.template.TemplateRenderer;
import dev.herald.core.transport.Transport;
import dev.herald.core.transport.TransportResponse;
import dev.herald.templates.FreemarkerTemplateRenderer;
import dev.herald.templates.TemplateConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A user's own template renderer is checked at start-up through the port, like the FreeMarker one. */
class CustomTemplateRendererTest {
    private static final Transport ACCEPTS_ALL =
            request -> CompletableFuture.completedFuture(TransportResponse.of(202));

    private final HeraldConfig config = HeraldConfig.builder().endpoints(List.of(Endpoint.builder(
            "https://queue.example/in").name("queue").filter(EventFilter.of(EventType.TOOL_SUCCESS)).build())).build();

    /** Renders with the default templates and records which endpoints it was asked to check. */
    private static class RecordingRenderer implements TemplateRenderer {
        private final TemplateRenderer templates = new FreemarkerTemplateRenderer(TemplateConfig.ofDefaults());
        final List<String> checked = new CopyOnWriteArrayList<>();

        @Override
        public CompiledTemplate select(Event event, Endpoint endpoint) {
            return templates.select(event, endpoint);
        }

        @Override
        public void validate(Collection<Endpoint> endpoints) {
            endpoints.forEach(e -> checked.add(e.name()));
        }
    }

    @Test
    void aRendererWhoseCheckPassesIsCheckedOnceAndThenRenders() {
        RecordingRenderer renderer = new RecordingRenderer();

        try (Herald herald = Herald.start(config, binder -> {
            binder.bind(TemplateRenderer.class).toInstance(renderer);
            binder.bind(Transport.class).toInstance(ACCEPTS_ALL);
        })) {
            herald.dispatcher().dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
            await().atMost(Duration.ofSeconds(5)).until(() -> herald.dispatcher().stats().deliveriesDelivered() == 1);
        }

        assertThat(renderer.checked).containsExactly("queue");
    }

    @Test
    void aRendererWhoseCheckRefusesStopsTheStartWithItsMessage() {
        TemplateRenderer refuses = new RecordingRenderer() {
            @Override
            public void validate(Collection<Endpoint> endpoints) {
                throw new IllegalArgumentException("webhooks.queue.template: this renderer has no template for it");
            }
        };

        assertThatThrownBy(() -> Herald.start(config, binder -> {
            binder.bind(TemplateRenderer.class).toInstance(refuses);
            binder.bind(Transport.class).toInstance(ACCEPTS_ALL);
        })).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("webhooks.queue.template: this renderer has no template for it");
    }

    @Test
    void aRendererWithNothingToCheckAcceptsEveryEndpoint() {
        TemplateRenderer plain = (event, endpoint) -> { throw new AssertionError("not rendered here"); };

        plain.validate(config.endpoints());
    }
}
