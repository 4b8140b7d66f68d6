package dev.herald.gateway.server;

import dev.herald.gateway.hooks.WebhookNotificationPlugin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One plugin the {@link PluginServer} hosts: its entry of the gateway's plugin config, as the gateway asks for it
 * with {@code get_plugin_config}, and the plugin that serves its hooks.
 *
 * <p>The entry is JSON-like (maps, lists, strings, numbers, booleans, nulls) and is handed out as it is, so whoever
 * builds it must have redacted its secrets already. It must hold a non-blank {@code name} and {@code kind}, and its
 * name must be the plugin's (case aside), since the gateway addresses hooks by the entry's name.
 *
 * @param configEntry the plugin's config entry; copied, its order kept
 * @param plugin the plugin that runs the hooks
 */
public record HostedPlugin(Map<String, Object> configEntry, WebhookNotificationPlugin plugin) {

    public HostedPlugin {
        Objects.requireNonNull(configEntry, "configEntry");
        Objects.requireNonNull(plugin, "plugin");
        String name = requireText(configEntry, "name");
        requireText(configEntry, "kind");
        if (!name.equalsIgnoreCase(plugin.name())) {
            throw new IllegalArgumentException("config entry '" + name + "' hosts a plugin named '" + plugin.name()
                    + "': the gateway calls hooks by the entry's name, so the two must match");
        }
        // LinkedHashMap rather than Map.copyOf: config entries keep their order and may hold nulls.
        configEntry = Collections.unmodifiableMap(new LinkedHashMap<>(configEntry));
    }

    /** The entry's {@code name}, the one the gateway uses. */
    public String name() {
        return (String) configEntry.get("name");
    }

    private static String requireText(Map<String, Object> entry, String key) {
        Object value = entry.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("config entry: '" + key + "' must be a non-blank string, got "
                    + (value == null ? "nothing" : "'" + value + "'"));
        }
        return text;
    }
}
