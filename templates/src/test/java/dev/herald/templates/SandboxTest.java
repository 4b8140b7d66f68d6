package dev.herald.templates;

import static dev.herald.templates.TestSupport.endpointUsing;
import static dev.herald.templates.TestSupport.event;
import static dev.herald.templates.TestSupport.parse;
import static dev.herald.templates.TestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.core.template.TemplateRenderException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A native template is config, not code: it reaches no file, and whatever it does is stopped by the render caps, or
 * refused at start-up when no cap could stop it, naming the template, the line and the column. Class instantiation,
 * {@code ?api} and includes are refused as {@link StartupValidationTest} shows; the time cap as
 * {@link RuntimeFailureTest} shows.
 */
class SandboxTest {

    @AfterEach
    void noInterruptLeaks() {
        assertThat(Thread.interrupted()).as("interrupt flag after the test").isFalse();
    }

    private static TemplateProblem refusal(String source) {
        try {
            new FreemarkerTemplateRenderer(TemplateConfig.builder().namedTemplate("x", source).build());
        } catch (TemplateConfigException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
        throw new AssertionError("expected the template to be refused: " + source);
    }

    private static CompiledTemplate compiled(TemplateConfig.Builder config, String source) {
        FreemarkerTemplateRenderer renderer = new FreemarkerTemplateRenderer(config.namedTemplate("t", source).build());
        return renderer.select(event(EventType.TOOL_SUCCESS).build(), endpointUsing("t"));
    }

    @Test
    void noFileCanBeImported() {
        // Including files is refused the same way, as StartupValidationTest shows.
        for (String directive : List.of("<#import \"/etc/passwd\" as p>", "<#import \"file:///etc/hosts\" as h>",
                "<#import \"../../../../etc/passwd\" as p>", "<#import \"/freemarker/version.properties\" as v>")) {
            TemplateProblem p = refusal(directive + "{}");
            assertThat(p.key()).isEqualTo("templates.x");
            assertThat(p.message()).as(directive).containsAnyOf("not found", "Malformed", "backing out");
        }
    }

    @Test
    void rangesOutsideAListAreRefused() {
        TemplateProblem p = refusal("{\"ids\": \"${(1..100000000)?join(\",\")}\",\n \"n\": 1}");
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.column()).isEqualTo(10);
        assertThat(p.message()).isEqualTo("a range (a..b) is allowed only as what <#list> lists, as in"
                + " <#list 1..n as i>, where the render time cap can stop it");
        for (String source : List.of("<#assign r = 1..5>{}", "{\"n\": ${(1..)?size}}",
                "<#list (1..2000000000)?filter(i -> i < 0) as i></#list>{}", "{\"s\": ${json(\"${(0..<9)?size}\")}}",
                "<#if [1..3]?size gt 0>{}</#if>")) {
            assertThat(refusal(source).message()).as(source).startsWith("a range (a..b) is allowed only");
        }
    }

    @Test
    void paddingAndRunningTextAsATemplateAreRefused() {
        assertThat(refusal("{\"u\": \"${user?left_pad(2000000000)}\"}")).isEqualTo(new TemplateProblem(
                "templates.x", 1, 8, "?left_pad is not allowed: one call builds a string as wide as its argument,"
                + " which no cap bounds"));
        assertThat(refusal("{\"u\": \"${(user!\"\")?rightPad(9)}\"}").message())
                .startsWith("?right_pad is not allowed");
        assertThat(refusal("{\"v\": ${\"(1..9)?join()\"?eval}}").message())
                .isEqualTo("?eval is not allowed: it runs text that the start-up check never saw");
        assertThat(refusal("<@\"<#list 1..9 as i></#list>\"?interpret />{}").message())
                .startsWith("?interpret is not allowed");
    }

    @Test
    void whatOnlyLooksLikeARefusedConstructIsText() {
        CompiledTemplate t = compiled(TemplateConfig.builder(), "{\"text\": \"1..9 and ?eval\","
                + " \"s\": \"${'a..b?left_pad'}\", \"n\": [<#list 1..3 as i>${i}<#sep>, </#list>]}");
        assertThat(parse(utf8(t.render(event(EventType.TOOL_SUCCESS).build()))).toString())
                .isEqualTo("{\"text\":\"1..9 and ?eval\",\"s\":\"a..b?left_pad\",\"n\":[1,2,3]}");
    }

    @Test
    void aHugeOutputIsStoppedByTheSizeCap() {
        CompiledTemplate t = compiled(TemplateConfig.builder().maxOutputBytes(64 * 1024),
                "[<#list 1..(metadata.n!1) as i>\"${jsonText(user)}\"<#sep>,</#list>]");
        Event huge = event(EventType.TOOL_SUCCESS).metadata(Map.of("n", 100_000_000)).build();

        assertThatThrownBy(() -> t.render(huge)).isInstanceOf(TemplateRenderException.class)
                .hasMessage("template 'templates.t': output exceeds 65536 bytes");
    }

    @Test
    void numbersOfAThousandDigitsAreRefused() {
        CompiledTemplate parsed = compiled(TemplateConfig.builder(), "{\"n\": ${(metadata.n!\"1\")?number?c}}");
        Event hugeExponent = event(EventType.TOOL_SUCCESS).metadata(Map.of("n", "1e999999999")).build();
        assertThatThrownBy(() -> parsed.render(hugeExponent)).isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("Can't convert this string to number: \"1e999999999\"");
        assertThat(utf8(parsed.render(event(EventType.TOOL_SUCCESS).metadata(Map.of("n", "12.5e3")).build())))
                .isEqualTo("{\"n\": 12500}");

        CompiledTemplate squared = compiled(TemplateConfig.builder(),
                "<#assign n = 7><#list 1..(metadata.turns!1) as i><#assign n = n * n></#list>{\"n\": ${n?c}}");
        Event manyTurns = event(EventType.TOOL_SUCCESS).metadata(Map.of("turns", 40)).build();
        assertThatThrownBy(() -> squared.render(manyTurns)).isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("the product would have more than 1000 digits");
    }
}
