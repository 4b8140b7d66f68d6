package dev.herald.gateway.config;

import dev.herald.core.endpoint.Condition;
import dev.herald.gateway.HeraldConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The webhook plugin's entry of a gateway plugin config, loaded and validated: what the gateway knows about the
 * plugin, and the {@link HeraldConfig} that runs it.
 *
 * @param pluginName the entry's {@code name}; {@code WebhookNotification} for a file holding only the plugin's
 *     {@code config} block
 * @param kind the entry's {@code kind}
 * @param hooks the hooks the gateway calls the plugin for, empty when the entry names none
 * @param mode the entry's {@code mode}; {@code sequential} when it sets none
 * @param priority the entry's {@code priority}; the gateway's 100 when it sets none
 * @param conditions the entry's conditions, already applied to every endpoint's filter
 * @param herald everything Herald needs to start: endpoints, templates, HTTP settings, bounds
 * @param includePayloadData the seed's {@code include_payload_data}: whether events carry the hook's payload
 * @param entry the plugin entry as JSON-like maps and lists, after environment interpolation, with every secret
 *     replaced by {@code "********"}: what the external-plugin server answers to {@code get_plugin_config}
 */
public record LoadedPluginConfig(String pluginName, String kind, List<String> hooks, String mode, int priority,
        List<Condition> conditions, HeraldConfig herald, boolean includePayloadData, Map<String, Object> entry) {

    /** The mask that stands for every secret in {@link #entry()}. */
    public static final String REDACTED = "********";

    public LoadedPluginConfig {
        Objects.requireNonNull(pluginName, "pluginName");
        Objects.requireNonNull(kind, "kind");
        hooks = List.copyOf(hooks);
        Objects.requireNonNull(mode, "mode");
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(herald, "herald");
        // Not Map.copyOf: the entry keeps nulls and order, as the file had them; the loader makes it unmodifiable.
        Objects.requireNonNull(entry, "entry");
    }
}
