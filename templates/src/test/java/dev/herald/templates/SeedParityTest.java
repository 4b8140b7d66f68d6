package dev.herald.templates;

import static dev.herald.templates.TestSupport.JSON;
import static dev.herald.templates.TestSupport.parse;
import static dev.herald.templates.TestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Herald against what the seed plugin's own code produced (vectors/seed-parity.json). */
class SeedParityTest {
    /** Cases where the seed's output is broken or injected; Herald must deliver the value intact instead. */
    private static final Set<String> HOSTILE = Set.of("quote_in_user", "injection_in_user", "backslash_and_newline",
            "custom_template_unknown_placeholder_left_as_is");

    static JsonNode vectors() throws IOException {
        try (InputStream in = SeedParityTest.class.getResourceAsStream("/vectors/seed-parity.json")) {
            return JSON.readTree(in);
        }
    }

    static Stream<JsonNode> renderCases() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        vectors().get("render").forEach(cases::add);
        return cases.stream();
    }

    @Test
    void defaultTemplateIsTheSeedsCharacterForCharacter() throws IOException {
        assertThat(TemplateConfig.SEED_DEFAULT_TEMPLATE).isEqualTo(vectors().get("default_template").asText());
        assertThat(TemplateConfig.ofDefaults().defaultTemplate()).isEqualTo(TemplateConfig.SEED_DEFAULT_TEMPLATE);
    }

    @Test
    void everyVectorIsEitherValidOrListedAsHostile() throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode c : vectors().get("render")) {
            names.add(c.get("name").asText());
            if (!HOSTILE.contains(c.get("name").asText())) {
                assertThat(c.get("seed_output_is_valid_json").asBoolean()).as(c.get("name").asText()).isTrue();
            }
        }
        assertThat(names).containsAll(HOSTILE).hasSizeGreaterThan(HOSTILE.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderCases")
    void rendersWhatTheSeedRenderedExceptMissingValuesAreNull(JsonNode c) {
        String name = c.get("name").asText();
        JsonNode ctx = c.get("context");
        String out = render(c);
        JsonNode herald = parse(out);

        if (!HOSTILE.contains(name)) {
            JsonNode expected = parse(c.get("seed_output").asText()).deepCopy();
            int fixed = nullForMissing((ObjectNode) expected, ctx);
            assertThat(herald).as(out).isEqualTo(expected);
            assertThat(fixed).as("values missing in the context").isEqualTo(countNulls(ctx, "user", "tenant_id",
                    "server_id", "request_id"));
            return;
        }
        assertThat(herald.has("admin")).as(out).isFalse();
        if (name.equals("custom_template_unknown_placeholder_left_as_is")) {
            assertThat(herald.get("text").asText()).isEqualTo("Alert tool_success for alice");
            assertThat(herald.get("meta")).isEqualTo(ctx.get("metadata"));
            assertThat(herald.get("raw").isNull()).as("an unknown placeholder is a missing value").isTrue();
            assertThat(herald.size()).isEqualTo(3);
        } else {
            assertThat(herald.get("user").asText()).isEqualTo(ctx.get("user").asText());
            assertThat(herald.get("event").asText()).isEqualTo(ctx.get("event").asText());
            assertThat(herald.get("tenant_id").asText()).isEqualTo(ctx.get("tenant_id").asText());
            assertThat(herald.get("metadata")).isEqualTo(ctx.get("metadata"));
            assertThat(herald.size()).isEqualTo(9);
        }
    }

    @Test
    void theInjectionCaseDeliversTheWholeUserNameAsOneString() throws IOException {
        for (JsonNode c : vectors().get("render")) {
            if (c.get("name").asText().equals("injection_in_user")) {
                JsonNode herald = parse(render(c));
                assertThat(herald.get("user").asText()).isEqualTo("x\", \"admin\": true, \"y\": \"");
                assertThat(herald.fieldNames()).toIterable().doesNotContain("admin", "y");
                return;
            }
        }
        throw new AssertionError("vector injection_in_user is missing");
    }

    private static String render(JsonNode c) {
        JsonNode ctx = c.get("context");
        Event event = eventOf(ctx);
        TemplateConfig config = TemplateConfig.builder()
                .pluginName(ctx.get("plugin_name").asText())
                .defaultTemplate(c.get("template").asText())
                .build();
        FreemarkerTemplateRenderer renderer = new FreemarkerTemplateRenderer(config);
        return utf8(renderer.select(event, TestSupport.PLAIN_ENDPOINT).render(event));
    }

    @SuppressWarnings("unchecked")
    static Event eventOf(JsonNode ctx) {
        Map<String, Object> plain = JSON.convertValue(ctx, Map.class);
        Map<String, Object> v = (Map<String, Object>) plain.get("violation");
        return Event.builder(EventType.of((String) plain.get("event")))
                .time(OffsetDateTime.parse((String) plain.get("timestamp")).toInstant())
                .context(new RequestContext((String) plain.get("request_id"), plain.get("user"),
                        (String) plain.get("tenant_id"), (String) plain.get("server_id")))
                .violation(v == null ? null : Violation.of((String) v.get("reason"), (String) v.get("description"),
                        (String) v.get("code"), (Map<String, Object>) v.get("details")))
                .metadata((Map<String, Object>) plain.get("metadata"))
                .build();
    }

    /** The documented fix: where the seed wrote the string "null" for a missing value, Herald writes null. */
    private static int nullForMissing(ObjectNode seed, JsonNode ctx) {
        int fixed = 0;
        List<String> fields = new ArrayList<>();
        seed.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            if (seed.get(field).equals(TextNode.valueOf("null")) && ctx.path(field).isNull()) {
                seed.set(field, NullNode.getInstance());
                fixed++;
            }
        }
        return fixed;
    }

    private static int countNulls(JsonNode ctx, String... keys) {
        int n = 0;
        for (String k : keys) {
            n += ctx.path(k).isNull() ? 1 : 0;
        }
        return n;
    }
}
