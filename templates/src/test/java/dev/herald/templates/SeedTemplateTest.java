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
import dev.herald.templates.internal.SeedTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's {{placeholder}} syntax: each placeholder escaped for where it stands. */
class SeedTemplateTest {
    private static final Event FULL = event(EventType.PII_DETECTED)
            .context(new RequestContext("req-1", "alice", "acme", "srv-1"))
            .violation(Violation.of("PII detected", "SSN found", "PII", Map.of("field", "ssn")))
            .metadata(Map.of("tool_name", "search", "error", "boom", "n", 3, "list", List.of(1, "two")))
            .build();
    private static final Event EMPTY = event(EventType.TOOL_SUCCESS).build();

    @Test
    void dottedPlaceholdersReachIntoMapsAndLists() {
        JsonNode out = parse(renderNamed("{\"reason\": \"{{violation.reason}}\", \"field\": {{violation.details.field}},"
                + " \"tool\": \"{{ metadata.tool_name }}\", \"second\": {{metadata.list.1}}, \"n\": {{metadata.n}}}", FULL));
        assertThat(out.get("reason").asText()).isEqualTo("PII detected");
        assertThat(out.get("field").asText()).isEqualTo("ssn");
        assertThat(out.get("tool").asText()).isEqualTo("search");
        assertThat(out.get("second").asText()).isEqualTo("two");
        assertThat(out.get("n").isInt()).isTrue();
        assertThat(out.get("n").asInt()).isEqualTo(3);
    }

    @Test
    void placeholderInsideALongerStringIsEscapedText() {
        Event e = event(EventType.TOOL_ERROR).metadata(Map.of("tool_name", "se\"arch", "error", "line1\nline2")).build();
        JsonNode out = parse(renderNamed("{\"text\": \"Tool {{metadata.tool_name}} failed: {{metadata.error}}\"}", e));
        assertThat(out.get("text").asText()).isEqualTo("Tool se\"arch failed: line1\nline2");
    }

    @Test
    void missingValueInEachPosition() {
        String template = "{\"whole\": \"{{user}}\", \"inside\": \"user={{user}};\", \"value\": {{user}},"
                + " \"dotted\": {{violation.reason}}, \"deep\": \"{{metadata.a.b.c}}\", \"unknown\": {{nope}}}";
        JsonNode out = parse(renderNamed(template, EMPTY));
        assertThat(out.get("whole").isNull()).as("a whole string becomes null, not \"null\"").isTrue();
        assertThat(out.get("inside").asText()).isEqualTo("user=;");
        assertThat(out.get("value").isNull()).isTrue();
        assertThat(out.get("dotted").isNull()).isTrue();
        assertThat(out.get("deep").isNull()).isTrue();
        assertThat(out.get("unknown").isNull()).isTrue();
    }

    @Test
    void valuesOfEveryKindInEachPosition() {
        String template = "{\"v\": {{metadata}}, \"s\": \"{{metadata}}\", \"t\": \"m={{metadata.list}}\","
                + " \"n\": \"{{metadata.n}}\", \"vio\": {{violation}}}";
        JsonNode out = parse(renderNamed(template, FULL));
        assertThat(out.get("v").get("list").get(1).asText()).isEqualTo("two");
        assertThat(parse(out.get("s").asText())).as("a whole string holds the JSON text").isEqualTo(out.get("v"));
        assertThat(out.get("t").asText()).isEqualTo("m=[1,\"two\"]");
        assertThat(out.get("n").asText()).isEqualTo("3");
        assertThat(out.get("vio").get("details").get("field").asText()).isEqualTo("ssn");
    }

    @Test
    void structuredUserInAWholeStringIsItsJsonText() {
        Event e = event(EventType.TOOL_SUCCESS)
                .context(new RequestContext("r", Map.of("email", "a@example.com"), null, null)).build();
        JsonNode out = parse(renderNamed("{\"user\": \"{{user}}\", \"obj\": {{user}}}", e));
        assertThat(out.get("user").asText()).isEqualTo("{\"email\":\"a@example.com\"}");
        assertThat(out.get("obj").get("email").asText()).isEqualTo("a@example.com");
    }

    @Test
    void contextKeysOfTheSeedAndHeraldsEventId() {
        Event e = event(EventType.RESOURCE_SUCCESS).id("evt_123")
                .time(java.time.Instant.parse("2026-11-29T12:00:00.123456789Z"))
                .context(new RequestContext("req-1", "alice", "acme", "srv-1")).build();
        JsonNode out = parse(renderNamed(TemplateConfig.builder().pluginName("MyPlugin"),
                "{\"e\": \"{{event}}\", \"id\": \"{{event_id}}\", \"p\": \"{{plugin_name}}\", \"ts\": \"{{timestamp}}\","
                        + " \"r\": \"{{request_id}}\", \"t\": \"{{tenant_id}}\", \"s\": \"{{server_id}}\"}", e));
        assertThat(out.get("e").asText()).isEqualTo("resource_success");
        assertThat(out.get("id").asText()).isEqualTo("evt_123");
        assertThat(out.get("p").asText()).isEqualTo("MyPlugin");
        assertThat(out.get("ts").asText()).isEqualTo("2026-11-29T12:00:00.123456+00:00");
        assertThat(out.get("r").asText()).isEqualTo("req-1");
        assertThat(out.get("t").asText()).isEqualTo("acme");
        assertThat(out.get("s").asText()).isEqualTo("srv-1");
    }

    @Test
    void pluginNameDefaultsToTheSeeds() {
        assertThat(parse(renderNamed("{\"p\": \"{{plugin_name}}\"}", EMPTY)).get("p").asText())
                .isEqualTo("WebhookNotification");
    }

    @Test
    void escapedQuotesInLiteralTextDoNotConfuseTheScanner() {
        // The \" inside the first string must not end it: the placeholder after it is still inside a string.
        JsonNode out = parse(renderNamed("{\"a\": \"say \\\"{{user}}\\\" now\", \"b\": {{user}}}",
                event(EventType.TOOL_SUCCESS).context(new RequestContext("r", "bob", null, null)).build()));
        assertThat(out.get("a").asText()).isEqualTo("say \"bob\" now");
        assertThat(out.get("b").asText()).isEqualTo("bob");
    }

    @Test
    void scannerClassifiesEachPosition() {
        SeedTemplate seed = SeedTemplate.parse("{\"a\": \"{{x}}\", \"b\": \"pre {{y.z}}\", \"c\": {{ w }}, \"d\": \"{{p}}{{q}}\"}");
        List<SeedTemplate.Position> positions = seed.segments().stream()
                .filter(s -> s.path() != null).map(SeedTemplate.Segment::position).toList();
        assertThat(positions).containsExactly(SeedTemplate.Position.WHOLE_STRING, SeedTemplate.Position.INSIDE_STRING,
                SeedTemplate.Position.VALUE, SeedTemplate.Position.INSIDE_STRING, SeedTemplate.Position.INSIDE_STRING);
        assertThat(seed.toFreemarker()).isEqualTo("{\"a\": ${jsonString[\"x\"]}, \"b\": \"pre ${jsonText[\"y.z\"]}\","
                + " \"c\": ${json[\"w\"]}, \"d\": \"${jsonText[\"p\"]}${jsonText[\"q\"]}\"}");
    }

    @Test
    void textThatIsNotAPlaceholderStaysLiteral() {
        JsonNode out = parse(renderNamed("{\"a\": \"{{not a name}} and #{x} and {{}}\"}", EMPTY));
        assertThat(out.get("a").asText()).isEqualTo("{{not a name}} and #{x} and {{}}");
    }

    @Test
    void syntaxRule() {
        assertThat(TemplateSyntax.detect(TemplateConfig.SEED_DEFAULT_TEMPLATE)).isEqualTo(TemplateSyntax.SEED);
        assertThat(TemplateSyntax.detect("{\"a\": \"#{x} [#list]\"}")).isEqualTo(TemplateSyntax.SEED);
        assertThat(TemplateSyntax.detect("{\"a\": ${json(user)}}")).isEqualTo(TemplateSyntax.FREEMARKER);
        assertThat(TemplateSyntax.detect("<#if user??>{}<#else>[]</#if>")).isEqualTo(TemplateSyntax.FREEMARKER);
        assertThat(TemplateSyntax.detect("<@m/>")).isEqualTo(TemplateSyntax.FREEMARKER);
        assertThat(TemplateSyntax.detect("{} </#if>")).isEqualTo(TemplateSyntax.FREEMARKER);
    }
}
