package dev.herald.templates;

import static dev.herald.templates.TestSupport.aliceEvent;
import static dev.herald.templates.TestSupport.parse;
import static dev.herald.templates.TestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import dev.herald.core.event.Event;
import dev.herald.core.template.TemplateRenderer;
import org.junit.jupiter.api.Test;

class FreemarkerTemplatesModuleTest {

    @Test
    void bindsTheRendererPortToOneCheckedRenderer() {
        Injector injector = Guice.createInjector(new FreemarkerTemplatesModule(TemplateConfig.builder()
                .payloadTemplate("tool_success", "{\"ok\": \"{{user}}\"}").build()));
        TemplateRenderer port = injector.getInstance(TemplateRenderer.class);
        assertThat(port).isInstanceOf(FreemarkerTemplateRenderer.class)
                .isSameAs(injector.getInstance(TemplateRenderer.class))
                .isSameAs(injector.getInstance(FreemarkerTemplateRenderer.class));
        Event e = aliceEvent();
        assertThat(parse(utf8(port.select(e, TestSupport.PLAIN_ENDPOINT).render(e))).get("ok").asText())
                .isEqualTo("alice");
    }

    @Test
    void withoutAConfigItUsesTheOneTheCompositionRootBinds() {
        TemplateConfig config = TemplateConfig.builder().defaultTemplate("{\"from\": \"root\"}").build();
        Injector injector = Guice.createInjector(new FreemarkerTemplatesModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(TemplateConfig.class).toInstance(config);
            }
        });
        Event e = aliceEvent();
        TemplateRenderer port = injector.getInstance(TemplateRenderer.class);
        assertThat(utf8(port.select(e, TestSupport.PLAIN_ENDPOINT).render(e))).isEqualTo("{\"from\": \"root\"}");
    }

    @Test
    void withoutAnyConfigTheInjectorRefusesToStart() {
        assertThatThrownBy(() -> Guice.createInjector(new FreemarkerTemplatesModule()))
                .isInstanceOf(CreationException.class).hasMessageContaining("TemplateConfig");
    }

    @Test
    void aBadTemplateFailsTheStartInAProductionInjector() {
        TemplateConfig bad = TemplateConfig.builder().defaultTemplate("{\"a\": }").build();
        assertThatThrownBy(() -> Guice.createInjector(Stage.PRODUCTION, new FreemarkerTemplatesModule(bad)))
                .isInstanceOf(CreationException.class).hasMessageContaining("default_template: line 1, column 7");
        Injector lazy = Guice.createInjector(new FreemarkerTemplatesModule(bad));
        assertThatThrownBy(() -> lazy.getInstance(TemplateRenderer.class))
                .isInstanceOf(ProvisionException.class).hasRootCauseInstanceOf(TemplateConfigException.class);
    }
}
