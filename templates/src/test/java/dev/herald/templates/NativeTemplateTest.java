package dev.herald.templates;

import static dev.herald.templates.TestSupport.event;
import static dev.herald.templates.TestSupport.parse;
import static dev.herald.templates.TestSupport.renderNamed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Native FreeMarker templates and the JSON helpers they get. */
class NativeTemplateTest {
    private static final Event FULL;

    static {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("tool_name", "se\"arch");
        metadata.put("n", 3);
        metadata.put("ratio", 0.5);
        metadata.put("ok", true);
        metadata.put("tags", List.of("a", "b\\c"));
        FULL = event(EventType.TOOL_ERROR)
                .context(new RequestContext("req-1", "bob \"the builder\"", "acme", null))
                .violation(Violation.of("Blocked", "by policy", "X", Map.of("k", "v")))
                .metadata(metadata)
                .build();
    }

    @Test
    void jsonRendersAnyValueAsJson() {
        JsonNode out = parse(renderNamed("{\"user\": ${json(user)}, \"meta\": ${json(metadata)}, \"n\": ${json(metadata.n)},"
                + " \"ok\": ${json(metadata.ok)}, \"server\": ${json(server_id)}, \"undefined\": ${json(no_such_thing)},"
                + " \"vio\": ${json(violation)}, \"literal\": ${json({\"a\": [1, \"x\"]})}}", FULL));
        assertThat(out.get("user").asText()).isEqualTo("bob \"the builder\"");
        assertThat(out.get("meta").get("tags").get(1).asText()).isEqualTo("b\\c");
        assertThat(out.get("meta").get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(out.get("n").asInt()).isEqualTo(3);
        assertThat(out.get("ok").asBoolean()).isTrue();
        assertThat(out.get("server").isNull()).isTrue();
        assertThat(out.get("undefined").isNull()).isTrue();
        assertThat(out.get("vio").get("details").get("k").asText()).isEqualTo("v");
        assertThat(out.get("literal").get("a").get(1).asText()).isEqualTo("x");
    }

    @Test
    void jsonTextAndJsonStringAndFreemarkersOwnJsonString() {
        JsonNode out = parse(renderNamed("{\"a\": \"Tool ${jsonText(metadata.tool_name)} by ${jsonText(server_id)}\","
                + " \"b\": ${jsonString(user)}, \"c\": ${jsonString(server_id)}, \"d\": \"${(user!\"\")?json_string}\","
                + " \"e\": ${jsonString(metadata.n)}}", FULL));
        assertThat(out.get("a").asText()).isEqualTo("Tool se\"arch by ");
        assertThat(out.get("b").asText()).isEqualTo("bob \"the builder\"");
        assertThat(out.get("c").isNull()).isTrue();
        assertThat(out.get("d").asText()).isEqualTo("bob \"the builder\"");
        assertThat(out.get("e").asText()).isEqualTo("3");
    }

    @Test
    void pathLookupsAreMissingSafe() {
        Event empty = event(EventType.TOOL_SUCCESS).build();
        String template = "{\"r\": ${json(at(\"violation.reason\"))}, \"h\": ${json[\"violation.details.k\"]},"
                + " \"t\": \"${jsonText[\"metadata.tags.1\"]}\"}";
        JsonNode full = parse(renderNamed(template, FULL));
        assertThat(full.get("r").asText()).isEqualTo("Blocked");
        assertThat(full.get("h").asText()).isEqualTo("v");
        assertThat(full.get("t").asText()).isEqualTo("b\\c");
        JsonNode missing = parse(renderNamed(template, empty));
        assertThat(missing.get("r").isNull()).isTrue();
        assertThat(missing.get("h").isNull()).isTrue();
        assertThat(missing.get("t").asText()).isEmpty();
    }

    @Test
    void directivesLoopsAndNumbersInJsonNotation() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("big", 1234567);
        metadata.put("items", List.of("x", "y\"z"));
        Event e = event(EventType.TOOL_SUCCESS).metadata(metadata).build();
        String template = "{\"big\": ${metadata.big!0}, \"sum\": ${(metadata.big!0) + 0.25},"
                + " \"flag\": ${((metadata.items)![])?size > 1},"
                + " \"items\": [<#list (metadata.items)![] as i>${json(i)}<#sep>, </#list>],"
                + " \"kind\": <#if event == \"tool_success\">\"ok\"<#else>\"other\"</#if>}";
        JsonNode out = parse(renderNamed(template, e));
        assertThat(out.get("big").asLong()).isEqualTo(1234567);
        assertThat(out.get("sum").asDouble()).isEqualTo(1234567.25);
        assertThat(out.get("flag").asBoolean()).isTrue();
        assertThat(out.get("items").get(1).asText()).isEqualTo("y\"z");
        assertThat(out.get("kind").asText()).isEqualTo("ok");
    }

    @Test
    void aRegisteredTemplateCanBeIncludedByItsKey() {
        TemplateConfig config = TemplateConfig.builder()
                .namedTemplate("common", "\"user\": ${json(user)}")
                .namedTemplate("t", "{<#include \"templates.common\">, \"x\": 1}")
                .build();
        // The fragment on its own is not JSON, and need not be: it is checked inside the template that includes it.
        JsonNode fragmentOut = parse(TestSupport.utf8(new FreemarkerTemplateRenderer(config)
                .select(FULL, TestSupport.endpointUsing("t")).render(FULL)));
        assertThat(fragmentOut.get("user").asText()).isEqualTo("bob \"the builder\"");
        FreemarkerTemplateRenderer renderer = new FreemarkerTemplateRenderer(TemplateConfig.builder()
                .namedTemplate("common", "{\"user\": ${json(user)}}")
                .namedTemplate("t", "{\"inner\": <#include \"templates.common\">, \"x\": 1}")
                .build());
        JsonNode out = parse(TestSupport.utf8(renderer.select(FULL, TestSupport.endpointUsing("t")).render(FULL)));
        assertThat(out.get("inner").get("user").asText()).isEqualTo("bob \"the builder\"");
    }

    @Test
    void payloadTemplatesCanBeNativeToo() {
        FreemarkerTemplateRenderer renderer = new FreemarkerTemplateRenderer(TemplateConfig.builder()
                .payloadTemplate("tool_error", "{\"text\": \"Tool ${jsonText(metadata.tool_name)} failed\"}")
                .build());
        JsonNode out = parse(TestSupport.utf8(renderer.select(FULL, TestSupport.PLAIN_ENDPOINT).render(FULL)));
        assertThat(out.get("text").asText()).isEqualTo("Tool se\"arch failed");
    }
}
