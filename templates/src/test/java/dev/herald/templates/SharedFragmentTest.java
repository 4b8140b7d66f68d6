package dev.herald.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.endpoint.Endpoint;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A named template that others include is a fragment: checked inside each includer, not as JSON on its own. */
class SharedFragmentTest {
    private static final String FRAGMENT = "\"user\": ${jsonString(user)}, \"tenant\": ${jsonString(tenant_id)}";

    private static TemplateConfig.Builder shared() {
        return TemplateConfig.builder().namedTemplate("common", FRAGMENT)
                .namedTemplate("slack", "{\"text\": ${jsonString(event)}, <#include \"templates.common\">}")
                .payloadTemplate("tool_error", "{\"error\": true, <#include \"templates.common\">}");
    }

    @Test
    void anIncludedFragmentIsNotCheckedAsAJsonDocument() {
        // Refused before: "templates.common: the output is not valid JSON".
        FreemarkerTemplateRenderer r = new FreemarkerTemplateRenderer(shared().build());

        assertThat(r.fragments()).containsExactly("common");
        String body = new String(r.select(TestSupport.aliceEvent(), TestSupport.endpointUsing("slack"))
                .render(TestSupport.aliceEvent()), StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"text\": ").contains("\"user\": \"alice");
    }

    @Test
    void aFragmentIsCheckedAsPartOfEachTemplateThatIncludesIt() {
        TemplateConfig.Builder broken = shared().namedTemplate("common", "\"user\": ${user}");

        assertThatThrownBy(() -> new FreemarkerTemplateRenderer(broken.build()))
                .isInstanceOf(TemplateConfigException.class)
                .satisfies(e -> assertThat(((TemplateConfigException) e).problems()).extracting(TemplateProblem::key)
                        .contains("templates.slack", "payload_templates.tool_error")
                        .doesNotContain("templates.common"));
    }

    @Test
    void aTemplateNobodyIncludesIsStillADocument() {
        assertThatThrownBy(() -> new FreemarkerTemplateRenderer(TemplateConfig.builder()
                .namedTemplate("lonely", FRAGMENT).build()))
                .isInstanceOf(TemplateConfigException.class).hasMessageContaining("templates.lonely");
    }

    @Test
    void aFragmentAnEndpointUsesOnItsOwnMustBeADocumentToo() {
        FreemarkerTemplateRenderer r = new FreemarkerTemplateRenderer(shared().build());
        Endpoint usesFragment = Endpoint.builder("https://hooks.example.com/").name("x").template("common").build();

        assertThat(r.checkUsedAlone(List.of("common"))).singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("templates.common"));
        assertThat(r.checkUsedAlone(List.of("slack"))).isEmpty();
        assertThatThrownBy(() -> r.validate(List.of(usesFragment)))
                .isInstanceOf(TemplateConfigException.class).hasMessageContaining("templates.common");
    }
}
