package dev.herald.templates;

import static dev.herald.templates.TestSupport.endpointUsing;
import static dev.herald.templates.TestSupport.event;
import static dev.herald.templates.TestSupport.parse;
import static dev.herald.templates.TestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.core.template.TemplateRenderException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A rendering that fails at run time fails that delivery only, with a message naming the template. */
class RuntimeFailureTest {

    @AfterEach
    void noInterruptLeaks() {
        assertThat(Thread.interrupted()).as("interrupt flag after the test").isFalse();
    }

    private static CompiledTemplate template(TemplateConfig.Builder config, String source) {
        FreemarkerTemplateRenderer renderer = new FreemarkerTemplateRenderer(config.namedTemplate("t", source).build());
        return renderer.select(event(EventType.TOOL_SUCCESS).build(), endpointUsing("t"));
    }

    @Test
    void dataThatTheTemplateCannotHandleFailsThatRenderingOnly() {
        CompiledTemplate t = template(TemplateConfig.builder(), "{\"v\": ${(metadata.n!1) * 2}}");
        Event bad = event(EventType.TOOL_SUCCESS).metadata(Map.of("n", "not a number")).build();
        assertThatThrownBy(() -> t.render(bad))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageStartingWith("template 'templates.t' at line 1, column")
                .hasMessageContaining("metadata.n");
        Event good = event(EventType.TOOL_SUCCESS).metadata(Map.of("n", 7)).build();
        assertThat(parse(utf8(t.render(good))).get("v").asInt()).isEqualTo(14);
    }

    @Test
    void outputOverTheCapFails() {
        CompiledTemplate t = template(TemplateConfig.builder().maxOutputBytes(400).defaultTemplate("{}"), "{\"u\": \"{{user}}\"}");
        Event big = event(EventType.TOOL_SUCCESS).context(new RequestContext("r", "x".repeat(500), null, null)).build();
        assertThatThrownBy(() -> t.render(big))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("templates.t").hasMessageContaining("exceeds 400 bytes");
        Event fits = event(EventType.TOOL_SUCCESS).context(new RequestContext("r", "x".repeat(390), null, null)).build();
        assertThat(t.render(fits)).hasSize(390 + "{\"u\": \"\"}".length());
    }

    @Test
    void capCountsUtf8BytesExactly() {
        CompiledTemplate t = template(TemplateConfig.builder().maxOutputBytes(400).defaultTemplate("{}"), "{{user}}");
        // "é" is two bytes: 2 quotes + 199 * 2 = 400 bytes fits, one more character does not.
        Event atCap = event(EventType.TOOL_SUCCESS).context(new RequestContext("r", "é".repeat(199), null, null)).build();
        assertThat(t.render(atCap)).hasSize(400);
        Event overCap = event(EventType.TOOL_SUCCESS).context(new RequestContext("r", "é".repeat(200), null, null)).build();
        assertThatThrownBy(() -> t.render(overCap)).hasMessageContaining("exceeds 400 bytes");
    }

    @Test
    void loopRunningPastTheTimeCapIsStopped() {
        CompiledTemplate t = template(TemplateConfig.builder().maxRenderTime(Duration.ofMillis(300)),
                "<#list 1..(metadata.loops!1) as i></#list>{}");
        Event endless = event(EventType.TOOL_SUCCESS).metadata(Map.of("loops", Integer.MAX_VALUE)).build();
        assertThatThrownBy(() -> t.render(endless))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("templates.t").hasMessageContaining("longer than 300 ms");
        assertThat(Thread.currentThread().isInterrupted()).as("the watchdog's interrupt is cleared").isFalse();
        assertThat(utf8(t.render(event(EventType.TOOL_SUCCESS).metadata(Map.of("loops", 3)).build()))).isEqualTo("{}");
    }

    @Test
    void callersInterruptSurvivesAWatchedRendering() {
        CompiledTemplate t = template(TemplateConfig.builder(), "[<#list 1..3 as i>${i}<#sep>,</#list>]");
        Thread.currentThread().interrupt();
        try {
            assertThat(utf8(t.render(event(EventType.TOOL_SUCCESS).build()))).isEqualTo("[1,2,3]");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void renderTimeCapIsAppliedAtStartUpToo() {
        assertThatThrownBy(() -> new FreemarkerTemplateRenderer(TemplateConfig.builder()
                .maxRenderTime(Duration.ofMillis(200))
                .namedTemplate("slow", "<#list 1..2147483647 as i></#list>{}").build()))
                .isInstanceOf(TemplateConfigException.class)
                .hasMessageContaining("templates.slow").hasMessageContaining("longer than 200 ms");
    }
}
