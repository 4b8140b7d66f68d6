package dev.herald.gateway.config.internal;

import dev.herald.core.endpoint.Condition;
import dev.herald.gateway.hooks.HookType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the gateway's plugin entry says about the plugin itself: name, kind, hooks, mode, priority, conditions.
 *
 * @param name the plugin's name
 * @param kind the plugin's kind
 * @param hooks the hooks the gateway calls it for
 * @param mode the execution mode
 * @param priority the order among plugins, lower first
 * @param conditions when the plugin applies
 */
public record EntryInfo(String name, String kind, List<String> hooks, String mode, int priority,
        List<Condition> conditions) {
    /** The seed plugin's name and kind, for a file that holds only its config block. */
    public static final String SEED_NAME = "WebhookNotification";
    public static final String SEED_KIND = "plugins.webhook_notification.webhook_notification.WebhookNotificationPlugin";
    /** The hooks the seed registers. */
    public static final List<String> SEED_HOOKS = List.of("tool_pre_invoke", "tool_post_invoke", "prompt_post_fetch",
            "resource_post_fetch");
    /** The mode the seed's example uses, and Herald's default when the entry names none. */
    public static final String DEFAULT_MODE = "sequential";
    /** The gateway's default priority. */
    public static final int DEFAULT_PRIORITY = 100;
    private static final int SEED_PRIORITY = 900;

    /** The plugin framework's modes, current and legacy; the gateway refuses any other. */
    static final List<String> MODES = List.of("sequential", "transform", "audit", "concurrent", "fire_and_forget",
            "disabled", "enforce", "enforce_ignore_error", "permissive");
    private static final List<String> HOOKS = Arrays.stream(HookType.values()).map(HookType::wireName).toList();

    public EntryInfo {
        hooks = List.copyOf(hooks);
        conditions = List.copyOf(conditions);
    }

    /** The seed's own entry, for a file that holds only the config block. */
    public static EntryInfo seed() {
        return new EntryInfo(SEED_NAME, SEED_KIND, SEED_HOOKS, DEFAULT_MODE, SEED_PRIORITY, List.of());
    }

    /** The synthetic entry around a config block, as the gateway would list it. */
    public Map<String, Object> asEntry(Object block) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("kind", kind);
        entry.put("hooks", hooks);
        entry.put("mode", mode);
        entry.put("priority", priority);
        entry.put("conditions", List.of());
        entry.put("config", block);
        return entry;
    }

    /**
     * The entry with what it left out filled in as Herald reads it (hooks, mode, priority, conditions), so that
     * the gateway is told what Herald runs with; keys it has keep their place and value.
     */
    public Map<String, Object> completed(Map<String, Object> entry) {
        Map<String, Object> out = new LinkedHashMap<>(entry);
        out.putIfAbsent("hooks", hooks);
        out.putIfAbsent("mode", mode);
        out.putIfAbsent("priority", priority);
        out.putIfAbsent("conditions", List.of());
        return out;
    }

    /**
     * Reads an entry of a gateway plugins file. Keys Herald does not use ({@code description}, {@code tags}, ...)
     * are the gateway's business and pass through untouched.
     */
    public static Optional<EntryInfo> read(Map<String, Object> entry, String path, Problems problems) {
        Fields f = Fields.of(entry, path, problems).orElseThrow();
        int before = problems.count();
        String name = f.requiredString("name", "the plugin's name");
        if (name != null && name.isBlank()) {
            problems.add(f.path("name"), "must not be blank");
        }
        String kind = f.requiredString("kind", "the plugin's class");
        List<String> hooks = f.stringList("hooks");
        for (int i = 0; i < hooks.size(); i++) {
            if (!HOOKS.contains(hooks.get(i))) {
                problems.add(ConfigPath.index(f.path("hooks"), i), "unknown hook " + Values.quote(hooks.get(i))
                        + "; the webhook plugin implements " + String.join(", ", HOOKS)
                        + Suggestions.hint(hooks.get(i), HOOKS));
            }
        }
        String mode = f.string("mode", DEFAULT_MODE);
        if (mode != null && !MODES.contains(mode)) {
            problems.add(f.path("mode"), "unknown mode " + f.describe(f.path("mode"), mode) + "; known: "
                    + String.join(", ", MODES) + Suggestions.hint(mode, MODES));
        }
        int priority = f.integer("priority", DEFAULT_PRIORITY, Integer.MIN_VALUE, Integer.MAX_VALUE);
        List<Condition> conditions = ConditionReader.read(f, problems);
        return problems.count() == before
                ? Optional.of(new EntryInfo(name, kind, hooks, mode, priority, conditions))
                : Optional.empty();
    }
}
