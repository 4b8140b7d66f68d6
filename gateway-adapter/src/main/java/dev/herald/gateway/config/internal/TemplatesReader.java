package dev.herald.gateway.config.internal;

import dev.herald.templates.FreemarkerTemplateRenderer;
import dev.herald.templates.TemplateConfig;
import dev.herald.templates.TemplateConfigException;
import dev.herald.templates.TemplateProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the block's templates (the seed's {@code payload_templates}, {@code default_template},
 * {@code include_payload_data}, {@code max_payload_size}, and Herald's named {@code templates} and render caps,
 * {@code max_output_bytes} and {@code max_render_time}) and compiles
 * them with the renderer that will use them: a template that does not compile or does not give JSON fails here,
 * with its path, line and column.
 */
final class TemplatesReader {
    static final List<String> KEYS = KnownKeys.TEMPLATES;
    private static final long MAX_OUTPUT_BYTES = 64 << 20;
    private static final double MAX_RENDER_SECONDS = 60;

    private TemplatesReader() {}

    /**
     * The names under {@code templates}, for the webhooks' {@code template} to refer to, even before checking;
     * null when {@code templates} is there but unreadable, so that no reference to it is called unknown.
     */
    static Set<String> names(Fields block) {
        Object templates = block.raw("templates");
        if (templates == null) {
            return Set.of();
        }
        return templates instanceof Map<?, ?> m ? stringKeys(m) : null;
    }

    /** The template config, or null when anything is wrong (all of it recorded). */
    static TemplateConfig read(Fields block, String pluginName, Set<String> subscribedTypes,
            Set<String> usedByWebhooks) {
        Problems problems = block.problems();
        int before = problems.count();
        Map<String, String> byEvent = block.stringMap("payload_templates", false);
        // A misspelt event type drops its template but not the check of the others: all errors in one go.
        byEvent.keySet().removeIf(type -> !isKnownType(type, ConfigPath.child(block.path("payload_templates"),
                type), subscribedTypes, problems));
        String defaultTemplate = block.string("default_template", TemplateConfig.SEED_DEFAULT_TEMPLATE);
        Map<String, String> named = block.stringMap("templates", false);
        boolean includePayload = block.bool("include_payload_data", false);
        int maxPayload = block.integer("max_payload_size", TemplateConfig.DEFAULT_MAX_PAYLOAD_SIZE, 0,
                Integer.MAX_VALUE);
        int maxOutputBytes = block.integer("max_output_bytes", TemplateConfig.DEFAULT_MAX_OUTPUT_BYTES, 1,
                MAX_OUTPUT_BYTES);
        double renderSeconds = block.decimal("max_render_time",
                TemplateConfig.DEFAULT_MAX_RENDER_TIME.toMillis() / 1000.0, 0, MAX_RENDER_SECONDS, true);
        TemplateConfig.Builder b = TemplateConfig.builder().payloadTemplates(byEvent).defaultTemplate(defaultTemplate)
                .namedTemplates(named).includePayloadData(includePayload).maxPayloadSize(maxPayload)
                .pluginName(pluginName).maxOutputBytes(maxOutputBytes)
                .maxRenderTime(Duration.ofNanos(Math.max(1, Math.round(renderSeconds * 1e9))));
        TemplateConfig config = build(b, block, byEvent, named);
        if (config == null) {
            return null;
        }
        try {
            // A fragment a webhook also uses on its own must be a JSON document too.
            List<TemplateProblem> usedAlone = new FreemarkerTemplateRenderer(config).checkUsedAlone(usedByWebhooks);
            if (!usedAlone.isEmpty()) {
                record(new TemplateConfigException(usedAlone), block);
            }
        } catch (TemplateConfigException e) {
            record(e, block);
        }
        return problems.count() == before ? config : null;
    }

    /**
     * Builds the config; when the config refuses some templates (a bad name, a blank text), records why and builds
     * it again without them, so that the others are still compiled and checked.
     */
    private static TemplateConfig build(TemplateConfig.Builder b, Fields block, Map<String, String> byEvent,
            Map<String, String> named) {
        try {
            return b.build();
        } catch (TemplateConfigException e) {
            record(e, block);
            for (TemplateProblem p : e.problems()) {
                byEvent.remove(p.key().substring(p.key().indexOf('.') + 1));
                named.remove(p.key().substring(p.key().indexOf('.') + 1));
                if (p.key().equals("default_template")) {
                    b.defaultTemplate(TemplateConfig.SEED_DEFAULT_TEMPLATE);
                }
            }
            try {
                return b.payloadTemplates(byEvent).namedTemplates(named).build();
            } catch (TemplateConfigException again) {
                return null;
            }
        }
    }

    private static void record(TemplateConfigException e, Fields block) {
        for (TemplateProblem p : e.problems()) {
            String path = templatePath(block.path(), p.key());
            String message = block.problems().isFromEnvironment(path) ? withoutDetail(p.message()) : p.message();
            block.problems().add(path, p.line() > 0 ? "line " + p.line() + ", column " + p.column() + ": " + message
                    : message);
        }
    }

    /**
     * What went wrong without how: FreeMarker's and the JSON parser's details, and the excerpt of the output, quote
     * the template's text, which here holds a value from the environment.
     */
    private static String withoutDetail(String message) {
        int end = message.length();
        for (String detail : new String[] {": ", " (", "; near "}) {
            int at = message.indexOf(detail);
            if (at > 0 && at < end) {
                end = at;
            }
        }
        return message.substring(0, end) + " (details withheld: the template holds a value from the environment)";
    }

    /**
     * The path of a template's key ({@code templates.slack}), built key by key as the environment pass built it, so
     * that both agree on which values came from the environment however long the name.
     */
    private static String templatePath(String blockPath, String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? ConfigPath.child(blockPath, key)
                : ConfigPath.child(ConfigPath.child(blockPath, key.substring(0, dot)), key.substring(dot + 1));
    }

    /**
     * A built-in type, or a custom type some webhook receives: a template for a type no webhook receives is never
     * rendered, and is almost surely a misspelt type ({@code on_tool_error}) that the typo check is too strict for.
     */
    private static boolean isKnownType(String type, String path, Set<String> subscribedTypes, Problems problems) {
        if (EventTypeReader.parse(type, path, problems).isEmpty()) {
            return false;
        }
        if (EventTypeReader.isBuiltIn(type) || subscribedTypes.contains(type)) {
            return true;
        }
        List<String> known = new ArrayList<>(EventTypeReader.BUILT_IN);
        subscribedTypes.stream().filter(t -> !known.contains(t)).sorted().forEach(known::add);
        problems.add(path, "unknown event type " + Fields.describe(problems, path, type) + ": no webhook receives"
                + " it, so this template would never be used; known: " + String.join(", ", known)
                + " (the nearest is '" + Suggestions.closest(type, known) + "')");
        return false;
    }

    private static Set<String> stringKeys(Map<?, ?> m) {
        Set<String> keys = new LinkedHashSet<>();
        m.keySet().forEach(k -> keys.add(String.valueOf(k)));
        return keys;
    }
}
