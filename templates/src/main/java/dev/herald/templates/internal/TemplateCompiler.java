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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link TemplateConfig} into compiled templates: translates seed templates, compiles everything in
 * one hardened configuration, test-renders each template with the sample events and checks that the output
 * is JSON. Every problem is collected before failing, so one start reports them all.
 */
public final class TemplateCompiler {
    private static final String DEFAULT_KEY = "default_template";
    private static final String PAYLOAD_PREFIX = "payload_templates.";
    private static final String NAMED_PREFIX = "templates.";
    /** An include or import of a template by a literal key, the only way one template reaches another. */
    private static final Pattern INCLUDE = Pattern.compile("[<\\[]#(?:include|import)\\s+\"([^\"]+)\"");

    /**
     * The compiled templates of a config. Templates with the same text are one instance, so that endpoints
     * using them share one rendering.
     *
     * @param defaultTemplate for event types without their own template
     * @param byEventType by event type name
     * @param named by template name
     * @param fragments the names of the named templates that other templates include: they are checked as part
     *     of each template that includes them, not on their own
     */
    public record Compiled(FreemarkerCompiledTemplate defaultTemplate,
            Map<String, FreemarkerCompiledTemplate> byEventType, Map<String, FreemarkerCompiledTemplate> named,
            Set<String> fragments) {}

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
        Set<String> included = includedKeys(entries);
        for (Entry e : entries) {
            FreemarkerCompiledTemplate template = compiled.get(e.key());
            // A fragment ('"user": ${jsonString(user)}') is no JSON document, and need not be: what is sent is
            // the including template's output, checked below with the fragment in it.
            boolean fragment = e.key().startsWith(NAMED_PREFIX) && included.contains(e.key());
            if (template != null && !fragment) {
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
        Set<String> fragments = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (e.key().startsWith(NAMED_PREFIX) && included.contains(e.key())) {
                fragments.add(e.name());
            }
        }
        return new Compiled(defaultTemplate, Collections.unmodifiableMap(byEventType),
                Collections.unmodifiableMap(named), Collections.unmodifiableSet(fragments));
    }

    /**
     * The start-up check of a fragment on its own, for when it is also used as a whole template (an endpoint
     * names it): null when every sample renders to JSON.
     */
    public static TemplateProblem checkStandalone(FreemarkerCompiledTemplate template) {
        return StartupCheck.check(template, EventType.BUILT_IN);
    }

    /** The keys other templates include; a template including itself does not make itself a fragment. */
    private static Set<String> includedKeys(List<Entry> entries) {
        Set<String> included = new HashSet<>();
        for (Entry e : entries) {
            Matcher m = INCLUDE.matcher(e.freemarkerSource());
            while (m.find()) {
                if (!m.group(1).equals(e.key())) {
                    included.add(m.group(1));
                }
            }
        }
        return included;
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
