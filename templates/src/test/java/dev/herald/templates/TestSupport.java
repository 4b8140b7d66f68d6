package dev.herald.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Events, endpoints and JSON parsing shared by the tests. */
final class TestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant TIME = Instant.parse("2026-11-29T12:00:00Z");
    static final Endpoint PLAIN_ENDPOINT = Endpoint.builder("https://hooks.example.com/plain").build();

    private TestSupport() {}

    static Event.Builder event(EventType type) {
        return Event.builder(type).id("evt_test").time(TIME);
    }

    static Event aliceEvent() {
        return event(EventType.TOOL_SUCCESS)
                .context(new RequestContext("req-42", "alice", "acme", "srv-1"))
                .metadata(Map.of("tool_name", "search"))
                .build();
    }

    static Endpoint endpointUsing(String template) {
        return Endpoint.builder("https://hooks.example.com/" + template).template(template).build();
    }

    /** Renders the event with a config holding only the given named template. */
    static String renderNamed(String template, Event event) {
        return renderNamed(TemplateConfig.builder(), template, event);
    }

    static String renderNamed(TemplateConfig.Builder config, String template, Event event) {
        FreemarkerTemplateRenderer renderer = new FreemarkerTemplateRenderer(config.namedTemplate("t", template).build());
        return utf8(renderer.select(event, endpointUsing("t")).render(event));
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Parses strictly: one JSON value, nothing after it. */
    static JsonNode parse(String json) {
        try {
            return JSON.readerFor(JsonNode.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
