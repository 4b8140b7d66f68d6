package dev.herald.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.templates.TemplateConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The port must give the seed's text, or the template benchmark compares different work. */
class SeedStringTemplateTest {

    @Test
    void givesTheSameBodyAsFreemarkerForTheBenchmarkEvent() {
        Event event = BenchmarkFixtures.event();
        String seed = SeedStringTemplate.render(TemplateConfig.SEED_DEFAULT_TEMPLATE,
                SeedStringTemplate.context(event, TemplateConfig.DEFAULT_PLUGIN_NAME));

        assertThat(seed).isEqualTo(new String(BenchmarkFixtures.defaultBody(), StandardCharsets.UTF_8));
        assertThat(seed).contains("\"event\": \"tool_error\"", "\"user\": \"alice@example.com\"",
                "\"timestamp\": \"2026-11-29T12:00:00.123456+00:00\"", "\"violation\": null",
                "\"metadata\": {\"tool_name\":\"search_docs\",\"error\":\"upstream timed out after 30 s\"}");
    }

    @Test
    void keepsTheSeedsDefects() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("user", "a\"b");
        context.put("tenant_id", null);
        context.put("flag", true);
        context.put("list", List.of(1, "x"));

        String out = SeedStringTemplate.render(
                "{\"u\": \"{{user}}\", \"t\": \"{{tenant_id}}\", \"f\": {{flag}}, \"l\": {{list}}, \"d\": \"{{a.b}}\"}",
                context);

        // Unescaped quotes, the string "null", Python's True and dotted placeholders left as they were.
        assertThat(out).isEqualTo("{\"u\": \"a\"b\", \"t\": \"null\", \"f\": True, \"l\": [1,\"x\"], \"d\": \"{{a.b}}\"}");
    }

    @Test
    void theContextHasTheSeedsKeysInItsOrder() {
        Event event = Event.builder(EventType.TOOL_SUCCESS).context(new RequestContext("r", null, null, null)).build();

        assertThat(SeedStringTemplate.context(event, "P").keySet()).containsExactly("event", "plugin_name",
                "timestamp", "request_id", "user", "tenant_id", "server_id", "violation", "metadata");
    }
}
