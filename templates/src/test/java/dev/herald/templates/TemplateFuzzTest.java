package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import dev.herald.core.template.TemplateRenderException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whatever a template's text and whatever an event holds: compiling fails only with a {@link TemplateConfigException}
 * and rendering only with a {@link TemplateRenderException}, both with a message; and the seed's default template, a
 * seed template with a placeholder in every position and a native template written with Herald's helpers render
 * every event as JSON that gives its values back. Jazzer's per-input timeout catches a rendering that hangs.
 *
 * <p>An input is fields separated by the byte {@code 0x1E}, read as CESU-8 (UTF-8 in which a surrogate is encoded
 * on its own, so that a seed can hold a lone one): the template, then the event's user, request id, tenant, server,
 * a metadata key, a metadata value and the payload (JSON when it parses as JSON, else the text).
 */
class TemplateFuzzTest {
    private static final Charset CESU_8 = Charset.forName("CESU-8");
    private static final String SEPARATOR = "\u001e";
    private static final String SEED = "{\"whole\": \"{{user}}\", \"inside\": \"<{{user}}>\", \"value\": {{user}},"
            + " \"meta\": {{metadata}}, \"payload\": {{payload}}, \"tenant\": \"{{ tenant_id }}\"}";
    private static final String NATIVE = "{\"json\": ${json(user)}, \"text\": \"<${jsonText(user)}>\","
            + " \"str\": ${jsonString(user)}, \"meta\": ${json(metadata)}, \"payload\": ${json(payload)},"
            + " \"keys\": [<#list metadata?keys as k>${jsonString(k)}<#sep>, </#list>]}";
    /** Strict, but for the length of names: Herald writes any key it is given, Jackson reads 50,000 characters. */
    private static final ObjectReader STRICT_JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNameLength(Integer.MAX_VALUE).build()).build())
            .readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final FreemarkerTemplateRenderer WELL_WRITTEN = new FreemarkerTemplateRenderer(
            TemplateConfig.builder().includePayloadData(true).maxPayloadSize(100_000)
                    .namedTemplate("seed", SEED).namedTemplate("native", NATIVE).build());

    @FuzzTest(maxDuration = "120s")
    void anyTemplateCompilesOrIsRefusedAndRendersOrFails(byte[] input) {
        List<String> fields = fields(input);
        FreemarkerTemplateRenderer renderer;
        try {
            renderer = new FreemarkerTemplateRenderer(TemplateConfig.builder().maxRenderTime(Duration.ofMillis(250))
                    .maxOutputBytes(64 * 1024).namedTemplate("t", fields.get(0)).build());
        } catch (TemplateConfigException e) {
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.key()).isEqualTo("templates.t");
                assertThat(p.message()).isNotBlank().hasSizeLessThan(1000);
            });
            return;
        }
        Event event = event(fields);
        try {
            assertThat(renderer.select(event, endpoint("t")).render(event)).isNotNull();
        } catch (TemplateRenderException e) {
            assertThat(e.getMessage()).startsWith("template 'templates.t'");
        }
    }

    @FuzzTest(maxDuration = "120s")
    void anyEventRendersAsJsonThroughWellWrittenTemplates(byte[] input) {
        List<String> fields = fields(input);
        Event event = event(fields);
        String user = EscapingPropertyTest.expected(fields.get(1));

        JsonNode seedDefault = json(WELL_WRITTEN.select(event, endpoint(null)).render(event));
        assertThat(seedDefault.get("user").asText()).isEqualTo(user);
        assertThat(seedDefault.get("tenant_id").asText()).isEqualTo(EscapingPropertyTest.expected(fields.get(3)));

        JsonNode seed = json(WELL_WRITTEN.select(event, endpoint("seed")).render(event));
        assertThat(seed.get("whole").asText()).isEqualTo(user);
        assertThat(seed.get("inside").asText()).isEqualTo("<" + user + ">");
        assertThat(seed.get("value").asText()).isEqualTo(user);

        JsonNode nativeOut = json(WELL_WRITTEN.select(event, endpoint("native")).render(event));
        assertThat(nativeOut.get("json").asText()).isEqualTo(user);
        assertThat(nativeOut.get("text").asText()).isEqualTo("<" + user + ">");
        assertThat(nativeOut.get("meta")).isEqualTo(seed.get("meta"));
        assertThat(nativeOut.get("payload")).isEqualTo(seed.get("payload"));
        assertThat(nativeOut.get("keys").size()).isEqualTo(event.metadata().size());
    }

    private static List<String> fields(byte[] input) {
        List<String> fields = new ArrayList<>(List.of(new String(input, CESU_8).split(SEPARATOR, 8)));
        while (fields.size() < 8) {
            fields.add("");
        }
        return fields;
    }

    private static Event event(List<String> f) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(f.get(5), f.get(6));
        metadata.put("tool_name", f.get(6));
        return Event.builder(EventType.TOOL_ERROR).id("evt_fuzz").time(Instant.EPOCH)
                .context(new RequestContext(f.get(2), f.get(1), f.get(3), f.get(4)))
                .violation(Violation.of(f.get(6), f.get(1), f.get(2), Map.of()))
                .metadata(metadata).payload(payload(f.get(7))).build();
    }

    /** The payload as JSON when it is JSON that an event can carry, else its text. */
    private static Object payload(String text) {
        try {
            Object parsed = TestSupport.JSON.readValue(text, Object.class);
            Event.builder(EventType.TOOL_ERROR).payload(parsed).build();
            return parsed;
        } catch (IOException | IllegalArgumentException notJson) {
            return text;
        }
    }

    private static Endpoint endpoint(String template) {
        return Endpoint.builder("https://hooks.example.com/fuzz").template(template).build();
    }

    private static JsonNode json(byte[] body) {
        try {
            return STRICT_JSON.readValue(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }
}
