package dev.herald.templates;

import static dev.herald.templates.TestSupport.aliceEvent;
import static dev.herald.templates.TestSupport.endpointUsing;
import static dev.herald.templates.TestSupport.event;
import static dev.herald.templates.TestSupport.parse;
import static dev.herald.templates.TestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.core.template.TemplateRenderException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which template an event gets at an endpoint, and that shared templates are one instance. */
class RendererSelectionTest {
    private final FreemarkerTemplateRenderer renderer = new FreemarkerTemplateRenderer(TemplateConfig.builder()
            .payloadTemplate("tool_error", "{\"kind\": \"error\", \"tool\": \"{{metadata.tool_name}}\"}")
            .namedTemplate("slack", "{\"text\": \"{{event}} for {{user}}\"}")
            .namedTemplate("teams", "{\"title\": ${jsonString(event)}}")
            .namedTemplate("same-as-default", TemplateConfig.SEED_DEFAULT_TEMPLATE)
            .build());

    @Test
    void endpointTemplateWinsThenEventTypeThenDefault() {
        Event success = aliceEvent();
        Event error = event(EventType.TOOL_ERROR).metadata(java.util.Map.of("tool_name", "search")).build();

        assertThat(renderer.select(success, TestSupport.PLAIN_ENDPOINT).key()).isEqualTo("default_template");
        assertThat(renderer.select(error, TestSupport.PLAIN_ENDPOINT).key()).isEqualTo("payload_templates.tool_error");
        assertThat(renderer.select(error, endpointUsing("slack")).key()).isEqualTo("templates.slack");

        assertThat(parse(utf8(renderer.select(error, TestSupport.PLAIN_ENDPOINT).render(error))).get("kind").asText())
                .isEqualTo("error");
        assertThat(parse(utf8(renderer.select(success, endpointUsing("slack")).render(success))).get("text").asText())
                .isEqualTo("tool_success for alice");
        assertThat(parse(utf8(renderer.select(success, endpointUsing("teams")).render(success))).get("title").asText())
                .isEqualTo("tool_success");
    }

    @Test
    void endpointsSharingATemplateGetTheSameInstanceSoItRendersOnce() {
        Event e = aliceEvent();
        Endpoint a = Endpoint.builder("https://a.example.com/").template("slack").build();
        Endpoint b = Endpoint.builder("https://b.example.com/").template("slack").build();
        Endpoint c = Endpoint.builder("https://c.example.com/").build();
        Endpoint d = Endpoint.builder("https://d.example.com/").build();

        assertThat(renderer.select(e, a)).isSameAs(renderer.select(e, b));
        assertThat(renderer.select(e, c)).isSameAs(renderer.select(e, d));
        assertThat(renderer.select(e, a)).isNotSameAs(renderer.select(e, c));
        // Same text, same template: a named copy of the default shares the default's rendering.
        assertThat(renderer.select(e, endpointUsing("same-as-default"))).isSameAs(renderer.select(e, c));
    }

    @Test
    void renderingIsRepeatableAndExact() {
        Event e = aliceEvent();
        CompiledTemplate t = renderer.select(e, TestSupport.PLAIN_ENDPOINT);
        byte[] first = t.render(e);
        assertThat(t.render(e)).isEqualTo(first).isNotSameAs(first);
        assertThat(utf8(first)).isEqualTo("{\n\"event\": \"tool_success\",\n\"plugin\": \"WebhookNotification\",\n"
                + "\"timestamp\": \"2026-11-29T12:00:00.000000+00:00\",\n\"request_id\": \"req-42\",\n\"user\": \"alice\",\n"
                + "\"tenant_id\": \"acme\",\n\"server_id\": \"srv-1\",\n\"violation\": null,\n"
                + "\"metadata\": {\"tool_name\":\"search\"}\n}");
    }

    @Test
    void anEndpointNamingAnUnknownTemplateFailsOnlyItsDelivery() {
        Endpoint stray = endpointUsing("nope");
        assertThatThrownBy(() -> renderer.select(aliceEvent(), stray))
                .isInstanceOf(TemplateRenderException.class)
                .hasMessageContaining("'nope'").hasMessageContaining(stray.name());
    }

    @Test
    void validateReportsEveryUnknownTemplateAtStartUp() {
        renderer.validate(List.of(endpointUsing("slack"), TestSupport.PLAIN_ENDPOINT));
        assertThatThrownBy(() -> renderer.validate(List.of(endpointUsing("nope"), endpointUsing("slack"),
                endpointUsing("gone"))))
                .isInstanceOfSatisfying(TemplateConfigException.class, e -> assertThat(e.problems())
                        .extracting(TemplateProblem::message)
                        .anySatisfy(m -> assertThat(m).contains("'nope'"))
                        .anySatisfy(m -> assertThat(m).contains("'gone'"))
                        .hasSize(2));
    }

    @Test
    void namedTemplateLookup() {
        assertThat(renderer.namedTemplate("slack")).get().extracting(CompiledTemplate::key).isEqualTo("templates.slack");
        assertThat(renderer.namedTemplate("nope")).isEmpty();
    }
}
