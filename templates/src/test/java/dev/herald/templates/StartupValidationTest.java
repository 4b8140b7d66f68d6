package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Templates are compiled and test-rendered at start-up; a bad one fails the start, naming key, line and column. */
class StartupValidationTest {

    private static TemplateConfigException failure(ThrowingCallable build) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(build).isInstanceOf(TemplateConfigException.class).satisfies(t -> caught[0] = t);
        return (TemplateConfigException) caught[0];
    }

    private static TemplateConfigException failureOf(TemplateConfig.Builder config) {
        return failure(() -> new FreemarkerTemplateRenderer(config.build()));
    }

    @Test
    void seedTemplateRenderingInvalidJsonNamesKeyLineAndColumn() {
        TemplateConfigException e = failureOf(TemplateConfig.builder().payloadTemplate("tool_error", "{\"a\": }"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("payload_templates.tool_error");
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.column()).isEqualTo(7);
        });
        assertThat(e).hasMessageContaining("payload_templates.tool_error: line 1, column 7:")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void positionIsInTheTemplateTextEvenAfterPlaceholders() {
        // The sample values make the output longer than the template; the column is the template's.
        TemplateConfigException e = failureOf(TemplateConfig.builder()
                .defaultTemplate("{\n  \"user\": \"{{user}}\", \"meta\": {{metadata}},\n  \"b\": tru\n}"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("default_template");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.column()).isBetween(8, 11);
        });
    }

    @Test
    void aPlaceholderThatBreaksTheJsonIsPointedAt() {
        TemplateConfigException e = failureOf(TemplateConfig.builder().namedTemplate("x", "[{{user}} {{event}}]"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("templates.x");
            assertThat(p.column()).isEqualTo(11);
        });
    }

    @Test
    void aSeedPlaceholderUsedAsAKeyFailsForMissingValues() {
        TemplateConfigException e = failureOf(TemplateConfig.builder().namedTemplate("x", "{\"{{tenant_id}}\": 1}"));
        assertThat(e.problems().get(0).message()).contains("without user, tenant");
    }

    @Test
    void nativeTemplateThatDoesNotCompile() {
        TemplateConfigException e = failureOf(TemplateConfig.builder()
                .namedTemplate("broken", "{\n\"a\": ${json(user}\n}"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("templates.broken");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(17);
            assertThat(p.message()).startsWith("does not compile").doesNotContain("Was expecting");
        });
        assertThat(e).hasMessageContaining("templates.broken: line 2, column 17");
    }

    @Test
    void nativeTemplateRenderingInvalidJsonGivesTheOutputPosition() {
        TemplateConfigException e = failureOf(TemplateConfig.builder()
                .namedTemplate("x", "<#assign a = 1>{\"a\": ${a},}"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("templates.x");
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.column()).isEqualTo(9);
            assertThat(p.message()).contains("of the output");
        });
    }

    @Test
    void nativeTemplateFailingOnAMissingValueNamesTheInstruction() {
        TemplateConfigException e = failureOf(TemplateConfig.builder()
                .namedTemplate("x", "{\"u\": ${json(user)},\n \"t\": \"${tenant_id?json_string}\"}"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(10);
            assertThat(p.message()).contains("tenant_id").contains("without user, tenant");
        });
    }

    @Test
    void unescapedValueInANativeTemplateIsCaughtByTheHostileSample() {
        // Missing values are defaulted, so only the sample whose values hold quotes shows the bug.
        TemplateConfigException e = failureOf(TemplateConfig.builder()
                .namedTemplate("x", "{\"user\": \"${user!\"\"}\"}"));
        assertThat(e.problems()).singleElement().satisfies(p ->
                assertThat(p.message()).contains("not valid JSON").contains("quotes, backslashes"));
    }

    @Test
    void everyBadTemplateIsReportedAtOnce() {
        TemplateConfigException e = failureOf(TemplateConfig.builder()
                .defaultTemplate("{\"a\": }")
                .payloadTemplate("tool_error", "{\"ok\": true}")
                .payloadTemplate("violation", "[1,]")
                .namedTemplate("broken", "${json(")
                .namedTemplate("fine", "{\"u\": ${json(user)}}"));
        assertThat(e.problems()).extracting(TemplateProblem::key)
                .containsExactly("default_template", "payload_templates.violation", "templates.broken");
        assertThat(e.getMessage()).contains("3 problems");
    }

    @Test
    void emptyOutputAndTrailingTextAreNotJson() {
        assertThat(failureOf(TemplateConfig.builder().namedTemplate("x", "<#if false>{}</#if>")).problems().get(0)
                .message()).contains("empty");
        assertThat(failureOf(TemplateConfig.builder().namedTemplate("x", "{} {}")).problems().get(0).message())
                .contains("more text after");
    }

    @Test
    void sandboxRefusesClassInstantiation() {
        TemplateConfigException e = failureOf(TemplateConfig.builder().namedTemplate("x",
                "<#assign ex = \"freemarker.template.utility.Execute\"?new()>{\"out\": ${json(ex(\"id\"))}}"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("templates.x");
            assertThat(p.message()).contains("not allowed");
        });
    }

    @Test
    void sandboxRefusesTheApiBuiltIn() {
        TemplateConfigException e = failureOf(TemplateConfig.builder()
                .namedTemplate("x", "{\"n\": ${metadata?api.size()}}"));
        assertThat(e.problems().get(0).message()).contains("api_builtin_enabled");
    }

    @Test
    void sandboxRefusesIncludingFilesAndClasspathResources() {
        for (String name : new String[] {"/etc/passwd", "../../../../etc/passwd", "file:///etc/passwd",
                "freemarker/version.properties"}) {
            TemplateConfigException e = failureOf(TemplateConfig.builder()
                    .namedTemplate("x", "{\"f\": \"<#include \"" + name + "\">\"}"));
            assertThat(e.problems().get(0).key()).isEqualTo("templates.x");
            assertThat(e.problems().get(0).message()).as(name).containsAnyOf("not found", "Malformed", "backing out");
        }
    }

    @Test
    void sandboxRefusesChangingSecuritySettingsFromATemplate() {
        TemplateConfigException e = failureOf(TemplateConfig.builder()
                .namedTemplate("x", "<#setting api_builtin_enabled=true>{}"));
        assertThat(e.problems().get(0).message()).contains("isn't supported");
        TemplateConfigException e2 = failureOf(TemplateConfig.builder()
                .namedTemplate("x", "<#setting new_builtin_class_resolver=\"unrestricted\">{}"));
        assertThat(e2.problems().get(0).key()).isEqualTo("templates.x");
    }

    @Test
    void runawayRecursionFailsTheStartInsteadOfTheJvm() {
        TemplateConfigException e = failureOf(TemplateConfig.builder()
                .namedTemplate("x", "<#macro m><@m/></#macro><@m/>{}"));
        assertThat(e.problems().get(0).message()).contains("recursion");
    }
}
