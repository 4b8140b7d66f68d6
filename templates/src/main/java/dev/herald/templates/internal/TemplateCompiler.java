package dev.herald.templates.internal;

import dev.herald.core.event.EventType;
import dev.herald.templates.TemplateConfig;
import dev.herald.templates.TemplateConfigException;
import dev.herald.templates.TemplateProblem;
import dev.herald.templates.TemplateSyntax;
import freemarker.cache.StringTemplateLoader;
import freemarker.core.ParseException;
import freemarker.core._CoreAPI;
import freemarker.template.Configuration;
import freemarker.template.Template;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link TemplateConfig} into compiled templates: translates seed templates, compiles everything in
 * one hardened configuration, test-renders each template with the sample events and checks that the output
 * is JSON. Every problem is collected before failing, so one start reports them all.
 */
public final class TemplateCompiler {
    private static final String DEFAULT_KEY = "default_template";
    private static final String PAYLOAD_PREFIX = "payload_templates.";
    private static final String NAMED_PREFIX = "templates.";

    /**
     * The compiled templates of a config. Templates with the same text are one instance, so that endpoints
     * using them share one rendering.
     *
     * @param defaultTemplate for event types without their own template
     * @param byEventType by event type name
     * @param named by template name
     */
    public record Compiled(FreemarkerCompiledTemplate defaultTemplate,
            Map<String, FreemarkerCompiledTemplate> byEventType, Map<String, FreemarkerCompiledTemplate> named) {}

    private record Entry(String key, String name, SeedTemplate seed, String freemarkerSource) {}

    private TemplateCompiler() {}

    /**
     * Compiles and checks every template of the config; throws a {@link TemplateConfigException} listing all
     * problems.
     */
    public static Compiled compile(TemplateConfig config) {
        List<Entry> entries = new ArrayList<>();
        entries.add(entry(DEFAULT_KEY, null, config.defaultTemplate()));
        config.payloadTemplates().forEach((type, source) -> entries.add(entry(PAYLOAD_PREFIX + type, type, source)));
        config.namedTemplates().forEach((name, source) -> entries.add(entry(NAMED_PREFIX + name, name, source)));

        StringTemplateLoader loader = new StringTemplateLoader();
        for (Entry e : entries) {
            loader.putTemplate(e.key(), e.freemarkerSource());
        }
        Configuration cfg = HardenedConfiguration.create(loader);
        ModelSettings settings = new ModelSettings(config.pluginName(), config.includePayloadData(),
                config.maxPayloadSize());
        long maxRenderNanos = config.maxRenderTime().toNanos();

        Map<String, TemplateProblem> problems = new HashMap<>();
        Map<String, FreemarkerCompiledTemplate> compiled = new LinkedHashMap<>();
        for (Entry e : entries) {
            try {
                Template template = cfg.getTemplate(e.key());
                if (e.seed() == null) {
                    Optional<NativeTemplateRules.Refusal> refusal = NativeTemplateRules.check(template);
                    if (refusal.isPresent()) {
                        NativeTemplateRules.Refusal r = refusal.get();
                        problems.put(e.key(), new TemplateProblem(e.key(), r.line(), r.column(), r.message()));
                        continue;
                    }
                }
                boolean watched = e.seed() == null && RenderWatchdog.needed(e.freemarkerSource());
                if (watched) {
                    // FreeMarker's own support for stopping a template (its online tester uses it), reached
                    // through its internal API: there is no public one in 2.3.
                    _CoreAPI.addThreadInterruptedChecks(template);
                }
                compiled.put(e.key(), new FreemarkerCompiledTemplate(e.key(), template, e.seed(), watched,
                        settings, config.maxOutputBytes(), maxRenderNanos));
            } catch (ParseException pe) {
                boolean isNative = e.seed() == null;
                problems.put(e.key(), new TemplateProblem(e.key(), isNative ? pe.getLineNumber() : 0,
                        isNative ? pe.getColumnNumber() : 0, "does not compile: " + FreemarkerMessages.ofParse(pe)));
            } catch (IOException | RuntimeException ex) {
                problems.put(e.key(), TemplateProblem.of(e.key(), "does not compile: " + ex.getMessage()));
            }
        }
        for (Entry e : entries) {
            FreemarkerCompiledTemplate template = compiled.get(e.key());
            if (template != null) {
                TemplateProblem problem = StartupCheck.check(template, sampleTypes(e));
                if (problem != null) {
                    problems.put(e.key(), problem);
                }
            }
        }
        if (!problems.isEmpty()) {
            List<TemplateProblem> inConfigOrder = new ArrayList<>();
            for (Entry e : entries) {
                if (problems.containsKey(e.key())) {
                    inConfigOrder.add(problems.get(e.key()));
                }
            }
            throw new TemplateConfigException(inConfigOrder);
        }

        Map<String, FreemarkerCompiledTemplate> bySource = new HashMap<>();
        Map<String, FreemarkerCompiledTemplate> byEventType = new HashMap<>();
        Map<String, FreemarkerCompiledTemplate> named = new HashMap<>();
        FreemarkerCompiledTemplate defaultTemplate = null;
        for (Entry e : entries) {
            FreemarkerCompiledTemplate shared =
                    bySource.computeIfAbsent(e.freemarkerSource(), s -> compiled.get(e.key()));
            if (e.key().equals(DEFAULT_KEY)) {
                defaultTemplate = shared;
            } else if (e.key().startsWith(PAYLOAD_PREFIX)) {
                byEventType.put(e.name(), shared);
            } else {
                named.put(e.name(), shared);
            }
        }
        return new Compiled(defaultTemplate, Collections.unmodifiableMap(byEventType),
                Collections.unmodifiableMap(named));
    }

    private static Entry entry(String key, String name, String source) {
        if (TemplateSyntax.detect(source) == TemplateSyntax.SEED) {
            SeedTemplate seed = SeedTemplate.parse(source);
            return new Entry(key, name, seed, seed.toFreemarker());
        }
        return new Entry(key, name, null, source);
    }

    /** A template for one event type is tried with that type; the others with every built-in type. */
    private static List<EventType> sampleTypes(Entry e) {
        return e.key().startsWith(PAYLOAD_PREFIX) ? List.of(EventType.of(e.name())) : EventType.BUILT_IN;
    }
}
