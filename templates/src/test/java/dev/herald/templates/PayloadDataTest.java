package dev.herald.templates;

import static dev.herald.templates.TestSupport.event;
import static dev.herald.templates.TestSupport.parse;
import static dev.herald.templates.TestSupport.renderNamed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** include_payload_data and max_payload_size, as the seed applied them. */
class PayloadDataTest {
    private static final String TEMPLATE = "{\"raw\": {{payload}}}";

    /** {"tool_name":"search","args":{"q":"<filler>"}}: 38 characters of compact JSON plus the filler. */
    private static Event withPayloadOfLength(int length) {
        String filler = "é".repeat(length - 38);
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("tool_name", "search");
        payload.put("args", Map.of("q", filler));
        return event(EventType.TOOL_SUCCESS).payload(payload).build();
    }

    private static JsonNode render(boolean include, int max, Event e) {
        return parse(renderNamed(TemplateConfig.builder().includePayloadData(include).maxPayloadSize(max), TEMPLATE, e));
    }

    @Test
    void payloadIsLeftOutUnlessIncluded() {
        assertThat(render(false, 1000, withPayloadOfLength(50)).get("raw").isNull()).isTrue();
        assertThat(render(true, 1000, withPayloadOfLength(50)).get("raw").get("tool_name").asText()).isEqualTo("search");
    }

    @Test
    void includedAtTheLimitLeftOutAboveIt() {
        // Characters, not bytes: the filler is two UTF-8 bytes a character, as the seed's len() counted code points.
        Event e = withPayloadOfLength(100);
        assertThat(TestSupport.JSON.valueToTree(e.payload().orElseThrow()).toString()).hasSize(100);
        assertThat(render(true, 100, e).get("raw").get("args").get("q").asText()).hasSize(62);
        assertThat(render(true, 99, e).get("raw").isNull()).isTrue();
    }

    @Test
    void escapesCountAsTheSeedCountedThem() {
        // A quote is two characters of JSON (\"), a control character six (\u0001), a surrogate pair one.
        Map<String, Object> payload = Map.of("q", "\"\u0001\uD83D\uDE00");
        Event e = event(EventType.TOOL_SUCCESS).payload(payload).build();
        int length = "{\"q\":\"\\\"\\u0001X\"}".length();
        assertThat(render(true, length, e).get("raw").get("q").asText()).isEqualTo("\"\u0001\uD83D\uDE00");
        assertThat(render(true, length - 1, e).get("raw").isNull()).isTrue();
    }

    @Test
    void emptyPayloadIsLeftOutAsTheSeedDid() {
        assertThat(render(true, 1000, event(EventType.TOOL_SUCCESS).payload(Map.of()).build()).get("raw").isNull())
                .isTrue();
        assertThat(render(true, 1000, event(EventType.TOOL_SUCCESS).payload(List.of()).build()).get("raw").isNull())
                .isTrue();
        assertThat(render(true, 1000, event(EventType.TOOL_SUCCESS).build()).get("raw").isNull()).isTrue();
    }

    @Test
    void nativeTemplatesSeeThePayloadToo() {
        JsonNode out = parse(renderNamed(TemplateConfig.builder().includePayloadData(true),
                "{\"tool\": ${json(at(\"payload.tool_name\"))}}", withPayloadOfLength(60)));
        assertThat(out.get("tool").asText()).isEqualTo("search");
    }
}
