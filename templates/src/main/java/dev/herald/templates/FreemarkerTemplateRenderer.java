package dev.herald.templates;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.core.template.TemplateRenderException;
import dev.herald.core.template.TemplateRenderer;
import dev.herald.templates.internal.FreemarkerCompiledTemplate;
import dev.herald.templates.internal.TemplateCompiler;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Herald's template renderer: FreeMarker, in both the seed's {@code {{placeholder}}} syntax and native
 * FreeMarker (see {@link TemplateSyntax}), with output that is always a valid JSON document.
 *
 * <p>Every template is compiled and test-rendered when the renderer is built, so a template that does not
 * compile or whose output is not JSON fails the start with a {@link TemplateConfigException} naming its key,
 * line and column. Choosing a template is then two map look-ups; templates with the same text are one
 * {@link CompiledTemplate} (keyed by the first of them in config order), so endpoints that use it share one
 * rendering.
 *
 * <p>Native templates see the seed's context keys ({@code event}, {@code plugin_name}, {@code timestamp},
 * {@code request_id}, {@code user}, {@code tenant_id}, {@code server_id}, {@code violation}, {@code metadata},
 * {@code payload}) plus {@code event_id}, and four helpers that make writing valid JSON easy:
 * <ul>
 *   <li>{@code ${json(v)}}: any value as JSON (object, array, string, number, true/false), {@code null} when missing;
 *   <li>{@code "${jsonText(v)}"}: the value's text escaped for the inside of a JSON string, empty when missing;
 *   <li>{@code ${jsonString(v)}}: a quoted JSON string of the value's text, {@code null} when missing;
 *   <li>{@code at("a.b.c")}: the value at a dotted path, missing (not an error) when any step is missing;
 *       {@code json["a.b.c"]} (and likewise for the other two) is the helper applied to it, in one look-up.
 * </ul>
 * Every template must render valid JSON for a sample event with every field present, one with every optional
 * field missing and one whose values hold quotes and control characters; a native template therefore has to
 * handle missing values ({@code user!""}, {@code json(user)}) and escape what it interpolates.
 * FreeMarker's own {@code ?json_string} works too. The configuration is sandboxed: no {@code ?new}, no
 * {@code ?api}, only registered templates can be included (by key, {@code <#include "templates.common">}).
 * A rendering stops at the config's render time and output size; what those caps cannot stop is refused at
 * start-up: a range anywhere but as what {@code <#list>} lists, {@code ?left_pad}, {@code ?right_pad},
 * {@code ?eval} and {@code ?interpret}. Numbers have at most a thousand digits.
 *
 * <p>Thread-safe.
 */
public final class FreemarkerTemplateRenderer implements TemplateRenderer {
    private final CompiledTemplate defaultTemplate;
    private final Map<String, ? extends CompiledTemplate> byEventType;
    private final Map<String, FreemarkerCompiledTemplate> named;
    private final Set<String> fragments;

    /**
     * Compiles and checks every template of the config.
     *
     * @throws TemplateConfigException listing every template that does not compile or does not render JSON
     */
    public FreemarkerTemplateRenderer(TemplateConfig config) {
        TemplateCompiler.Compiled compiled = TemplateCompiler.compile(Objects.requireNonNull(config, "config"));
        this.defaultTemplate = compiled.defaultTemplate();
        this.byEventType = compiled.byEventType();
        this.named = compiled.named();
        this.fragments = compiled.fragments();
    }

    /**
     * The endpoint's named template when it names one, else the template of the event's type, else the default.
     *
     * @throws TemplateRenderException when the endpoint names a template that is not configured
     */
    @Override
    public CompiledTemplate select(Event event, Endpoint endpoint) {
        Optional<String> name = endpoint.template();
        if (name.isPresent()) {
            CompiledTemplate template = named.get(name.get());
            if (template == null) {
                throw new TemplateRenderException("endpoint '" + endpoint.name() + "' names template '"
                        + name.get() + "', which is not among the configured templates");
            }
            return template;
        }
        CompiledTemplate template = byEventType.get(event.type().name());
        return template != null ? template : defaultTemplate;
    }

    /** The template named {@code name} in the config's named templates. */
    public Optional<CompiledTemplate> namedTemplate(String name) {
        return Optional.ofNullable(named.get(name));
    }

    /**
     * The named templates that others include ({@code <#include "templates.common">}): each is checked as part of
     * every template that includes it, not as a JSON document of its own.
     */
    public Set<String> fragments() {
        return fragments;
    }

    /**
     * The problems of the given fragments as whole templates: a fragment that an endpoint also uses on its own
     * must then render JSON on its own too. Names that are no fragment have no problem here.
     */
    public List<TemplateProblem> checkUsedAlone(Collection<String> names) {
        List<TemplateProblem> problems = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            if (fragments.contains(name)) {
                TemplateProblem p = TemplateCompiler.checkStandalone(named.get(name));
                if (p != null) {
                    problems.add(new TemplateProblem(p.key(), p.line(), p.column(), p.message()
                            + " (other templates include it, and a webhook also uses it on its own)"));
                }
            }
        }
        return problems;
    }

    /**
     * Checks at start-up that every endpoint's named template exists, and that a fragment an endpoint uses on
     * its own renders JSON, rather than failing its deliveries later.
     *
     * @throws TemplateConfigException naming each endpoint whose template is missing or not JSON on its own
     */
    @Override
    public void validate(Collection<Endpoint> endpoints) {
        List<TemplateProblem> problems = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            endpoint.template().filter(name -> !named.containsKey(name)).ifPresent(name -> problems.add(
                    TemplateProblem.of("webhooks." + endpoint.name() + ".template",
                            "names template '" + name + "', which is not among the configured templates "
                                    + named.keySet())));
            endpoint.template().ifPresent(used::add);
        }
        problems.addAll(checkUsedAlone(used));
        if (!problems.isEmpty()) {
            throw new TemplateConfigException(problems);
        }
    }
}
