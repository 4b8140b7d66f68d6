package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import dev.herald.templates.internal.SeedTemplate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed templates are written directly at run time rather than through their FreeMarker translation; both must give
 * the same bytes for every event, or the fast path would change what receivers get.
 */
class SeedFastPathTest {
    private static final String TEMPLATE = "{\"event\": \"{{event}}\", \"who\": \"{{user}}\", \"text\": \"Tool"
            + " {{metadata.tool_name}} failed: {{metadata.error}}\", \"violation\": {{violation}},"
            + " \"reason\": \"{{violation.reason}}\", \"meta\": {{metadata}}, \"missing\": {{payload}},"
            + " \"ts\": \"{{timestamp}}\", \"plugin\": \"{{plugin_name}}\"}";
    private static final String TRANSLATED = SeedTemplate.parse(TEMPLATE).toFreemarker();

    // Built once: compiling checks every template, which is not what this test measures.
    private static final FreemarkerTemplateRenderer SEED =
            new FreemarkerTemplateRenderer(TemplateConfig.builder().namedTemplate("t", TEMPLATE).build());
    private static final FreemarkerTemplateRenderer TRANSLATION =
            new FreemarkerTemplateRenderer(TemplateConfig.builder().namedTemplate("t", TRANSLATED).build());

    private static String render(FreemarkerTemplateRenderer renderer, Event e) {
        return TestSupport.utf8(renderer.select(e, TestSupport.endpointUsing("t")).render(e));
    }

    @Test
    void theTranslationIsNativeFreemarkerSoTheComparisonMeansSomething() {
        assertThat(TemplateSyntax.detect(TEMPLATE)).isEqualTo(TemplateSyntax.SEED);
        assertThat(TemplateSyntax.detect(TRANSLATED)).isEqualTo(TemplateSyntax.FREEMARKER);
    }

    @Test
    void bothPathsWriteTheSameBytesForAnyValues() {
        qt().withExamples(300).forAll(strings().allPossible().ofLengthBetween(0, 40),
                strings().allPossible().ofLengthBetween(0, 40))
                .checkAssert((user, error) -> {
                    Event e = Event.builder(EventType.TOOL_ERROR).time(TestSupport.TIME)
                            .context(new RequestContext("r1", user, "acme", null))
                            .violation(Violation.of(error, "d", "PII", Map.of("k", user)))
                            .metadata(Map.of("tool_name", user, "error", error, "n", 3)).build();
                    assertThat(render(SEED, e)).isEqualTo(render(TRANSLATION, e));
                });
    }
}
