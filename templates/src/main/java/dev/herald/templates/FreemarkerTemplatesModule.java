package dev.herald.templates;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.herald.core.template.TemplateRenderer;

/**
 * Binds the core's {@link TemplateRenderer} port to a singleton {@link FreemarkerTemplateRenderer}, compiled and
 * checked when the injector first asks for it.
 *
 * <p>Built with a {@link TemplateConfig}, the module binds that config too; built without one, it expects the
 * composition root to bind {@code TemplateConfig} (as the gateway adapter does from the plugin's YAML).
 */
public final class FreemarkerTemplatesModule extends AbstractModule {
    private final TemplateConfig config;

    /** A module whose {@link TemplateConfig} is bound elsewhere. */
    public FreemarkerTemplatesModule() {
        this.config = null;
    }

    /** A module that also binds the given config. */
    public FreemarkerTemplatesModule(TemplateConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    protected void configure() {
        if (config != null) {
            bind(TemplateConfig.class).toInstance(config);
        }
        bind(TemplateRenderer.class).to(FreemarkerTemplateRenderer.class);
    }

    @Provides
    @Singleton
    FreemarkerTemplateRenderer renderer(TemplateConfig templateConfig) {
        return new FreemarkerTemplateRenderer(templateConfig);
    }
}
