package dev.herald.templates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the templates module renders: the seed plugin's {@code payload_templates}, {@code default_template},
 * {@code include_payload_data} and {@code max_payload_size}, plus Herald's named per-endpoint templates and
 * caps. Immutable; build it with {@link #builder()}, which validates every field and names the bad ones.
 *
 * @param payloadTemplates template text by event type name, the seed's {@code payload_templates}
 * @param defaultTemplate the template for event types without their own, the seed's {@code default_template}
 * @param namedTemplates template text by name, for endpoints whose {@code template} names one
 * @param includePayloadData whether templates see the hook's payload as {@code payload}
 * @param maxPayloadSize the payload is included only when its compact JSON has at most this many characters
 * @param pluginName what templates see as {@code plugin_name}
 * @param maxOutputBytes a rendering that produces more UTF-8 bytes than this fails
 * @param maxRenderTime a native FreeMarker rendering that runs longer than this fails
 */
public record TemplateConfig(Map<String, String> payloadTemplates, String defaultTemplate,
        Map<String, String> namedTemplates, boolean includePayloadData, int maxPayloadSize, String pluginName,
        int maxOutputBytes, Duration maxRenderTime) {

    /** The seed plugin's default template, character for character. */
    public static final String SEED_DEFAULT_TEMPLATE = "{\n"
            + "\"event\": \"{{event}}\",\n"
            + "\"plugin\": \"{{plugin_name}}\",\n"
            + "\"timestamp\": \"{{timestamp}}\",\n"
            + "\"request_id\": \"{{request_id}}\",\n"
            + "\"user\": \"{{user}}\",\n"
            + "\"tenant_id\": \"{{tenant_id}}\",\n"
            + "\"server_id\": \"{{server_id}}\",\n"
            + "\"violation\": {{violation}},\n"
            + "\"metadata\": {{metadata}}\n"
            + "}";

    /** The seed plugin's name, which its templates see as {@code plugin_name}. */
    public static final String DEFAULT_PLUGIN_NAME = "WebhookNotification";
    /** The seed's {@code max_payload_size}. */
    public static final int DEFAULT_MAX_PAYLOAD_SIZE = 1000;
    /** 1 MiB: far above any webhook body a receiver accepts, far below what hurts the sender. */
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 1 << 20;
    /** Rendering is microseconds; a second means a runaway loop. */
    public static final Duration DEFAULT_MAX_RENDER_TIME = Duration.ofSeconds(1);

    private static final int MAX_OUTPUT_BYTES_LIMIT = 64 << 20;
    private static final Duration MAX_RENDER_TIME_LIMIT = Duration.ofMinutes(1);
    private static final Pattern EVENT_TYPE_NAME = Pattern.compile("[a-z0-9_.]{1,128}");
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /** Validates every field; throws a {@link TemplateConfigException} naming each bad key. */
    public TemplateConfig {
        List<TemplateProblem> problems = new ArrayList<>();
        payloadTemplates = checkTemplates(payloadTemplates, "payload_templates", EVENT_TYPE_NAME,
                "must be an event type name, [a-z0-9_.]+", problems);
        namedTemplates = checkTemplates(namedTemplates, "templates", TEMPLATE_NAME,
                "must be a template name, [A-Za-z0-9_.-]+", problems);
        if (defaultTemplate == null || defaultTemplate.isBlank()) {
            problems.add(TemplateProblem.of("default_template", "must not be blank"));
        }
        if (maxPayloadSize < 0) {
            problems.add(TemplateProblem.of("max_payload_size", "must not be negative, got " + maxPayloadSize));
        }
        if (pluginName == null || pluginName.isBlank()) {
            problems.add(TemplateProblem.of("plugin_name", "must not be blank"));
        }
        if (maxOutputBytes < 1 || maxOutputBytes > MAX_OUTPUT_BYTES_LIMIT) {
            problems.add(TemplateProblem.of("max_output_bytes",
                    "must be between 1 and " + MAX_OUTPUT_BYTES_LIMIT + ", got " + maxOutputBytes));
        }
        if (maxRenderTime == null || maxRenderTime.isNegative() || maxRenderTime.isZero()
                || maxRenderTime.compareTo(MAX_RENDER_TIME_LIMIT) > 0) {
            problems.add(TemplateProblem.of("max_render_time",
                    "must be more than 0 and at most 1 minute, got " + maxRenderTime));
        }
        if (!problems.isEmpty()) {
            throw new TemplateConfigException(problems);
        }
    }

    /** The seed's defaults: its default template, no payload templates, no payload data. */
    public static TemplateConfig ofDefaults() {
        return builder().build();
    }

    /** Starts a config with the seed's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder().payloadTemplates(payloadTemplates).defaultTemplate(defaultTemplate)
                .namedTemplates(namedTemplates).includePayloadData(includePayloadData).maxPayloadSize(maxPayloadSize)
                .pluginName(pluginName).maxOutputBytes(maxOutputBytes).maxRenderTime(maxRenderTime);
    }

    private static Map<String, String> checkTemplates(Map<String, String> templates, String prefix, Pattern names,
            String nameRule, List<TemplateProblem> problems) {
        if (templates == null || templates.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        templates.forEach((name, source) -> {
            if (name == null || !names.matcher(name).matches()) {
                problems.add(TemplateProblem.of(prefix + "." + name, nameRule));
            } else if (source == null || source.isBlank()) {
                problems.add(TemplateProblem.of(prefix + "." + name, "must not be blank"));
            } else {
                copy.put(name, source);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Builds a {@link TemplateConfig}; starts from the seed's defaults. */
    public static final class Builder {
        private final Map<String, String> payloadTemplates = new LinkedHashMap<>();
        private final Map<String, String> namedTemplates = new LinkedHashMap<>();
        private String defaultTemplate = SEED_DEFAULT_TEMPLATE;
        private boolean includePayloadData;
        private int maxPayloadSize = DEFAULT_MAX_PAYLOAD_SIZE;
        private String pluginName = DEFAULT_PLUGIN_NAME;
        private int maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;
        private Duration maxRenderTime = DEFAULT_MAX_RENDER_TIME;

        private Builder() {}

        /** Replaces the per-event-type templates. */
        public Builder payloadTemplates(Map<String, String> templates) {
            payloadTemplates.clear();
            if (templates != null) {
                payloadTemplates.putAll(templates);
            }
            return this;
        }

        /** Adds or replaces the template for one event type. */
        public Builder payloadTemplate(String eventType, String source) {
            payloadTemplates.put(eventType, source);
            return this;
        }

        public Builder defaultTemplate(String source) {
            this.defaultTemplate = source;
            return this;
        }

        /** Replaces the named templates. */
        public Builder namedTemplates(Map<String, String> templates) {
            namedTemplates.clear();
            if (templates != null) {
                namedTemplates.putAll(templates);
            }
            return this;
        }

        /** Adds or replaces one named template. */
        public Builder namedTemplate(String name, String source) {
            namedTemplates.put(name, source);
            return this;
        }

        public Builder includePayloadData(boolean include) {
            this.includePayloadData = include;
            return this;
        }

        public Builder maxPayloadSize(int characters) {
            this.maxPayloadSize = characters;
            return this;
        }

        public Builder pluginName(String name) {
            this.pluginName = name;
            return this;
        }

        public Builder maxOutputBytes(int bytes) {
            this.maxOutputBytes = bytes;
            return this;
        }

        public Builder maxRenderTime(Duration time) {
            this.maxRenderTime = time;
            return this;
        }

        /** Validates and builds; throws a {@link TemplateConfigException} naming every bad key. */
        public TemplateConfig build() {
            return new TemplateConfig(payloadTemplates, defaultTemplate, namedTemplates, includePayloadData,
                    maxPayloadSize, pluginName, maxOutputBytes, maxRenderTime);
        }
    }
}
