package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateConfigTest {

    @Test
    void defaultsAreTheSeeds() {
        TemplateConfig c = TemplateConfig.ofDefaults();
        assertThat(c.payloadTemplates()).isEmpty();
        assertThat(c.namedTemplates()).isEmpty();
        assertThat(c.defaultTemplate()).isEqualTo(TemplateConfig.SEED_DEFAULT_TEMPLATE);
        assertThat(c.includePayloadData()).isFalse();
        assertThat(c.maxPayloadSize()).isEqualTo(1000);
        assertThat(c.pluginName()).isEqualTo("WebhookNotification");
        assertThat(c.maxOutputBytes()).isEqualTo(1 << 20);
        assertThat(c.maxRenderTime()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        Map<String, String> payload = new HashMap<>();
        payload.put("Tool Error", "{}");
        payload.put("tool_success", " ");
        assertThatThrownBy(() -> TemplateConfig.builder()
                .payloadTemplates(payload)
                .namedTemplate("bad/name", "{}")
                .defaultTemplate("")
                .maxPayloadSize(-1)
                .pluginName(" ")
                .maxOutputBytes(0)
                .maxRenderTime(Duration.ZERO)
                .build())
                .isInstanceOfSatisfying(TemplateConfigException.class, e -> assertThat(e.problems())
                        .extracting(TemplateProblem::key)
                        .containsExactlyInAnyOrder("payload_templates.Tool Error", "payload_templates.tool_success",
                                "templates.bad/name", "default_template", "max_payload_size", "plugin_name",
                                "max_output_bytes", "max_render_time"));
    }

    @Test
    void configIsImmutableAndRoundTripsThroughItsBuilder() {
        Map<String, String> named = new HashMap<>(Map.of("slack", "{}"));
        TemplateConfig c = TemplateConfig.builder().namedTemplates(named).includePayloadData(true).build();
        named.put("later", "{}");
        assertThat(c.namedTemplates()).containsOnlyKeys("slack");
        assertThatThrownBy(() -> c.namedTemplates().put("x", "{}")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.toBuilder().maxPayloadSize(5).build().maxPayloadSize()).isEqualTo(5);
    }

    @Test
    void configExceptionIsAnIllegalArgumentException() {
        assertThat(new TemplateConfigException(java.util.List.of(TemplateProblem.of("k", "m"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid template config: k: m");
        assertThat(new TemplateProblem("k", 2, 5, "m")).hasToString("k: line 2, column 5: m");
    }
}
