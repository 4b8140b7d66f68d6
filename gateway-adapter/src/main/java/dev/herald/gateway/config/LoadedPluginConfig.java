package dev.herald.gateway.config;

import dev.herald.core.endpoint.Condition;
import dev.herald.engine.HeraldConfig;
import dev.herald.store.jdbc.StoreSettings;
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
 * @param storeConfigured whether the config has a {@code store:} block; without one {@code herald} keeps its
 *     deliveries in memory, the library's default, and commands choose their own with {@link #withDefaultStore}
 * @param entry the plugin entry as JSON-like maps and lists, after environment interpolation, with every secret
 *     replaced by {@code "********"} and every {@code url} masked as {@code check} shows it: what the
 *     external-plugin server answers to {@code get_plugin_config}
 * @param warnings what loads but is almost surely a mistake (a bearer token over plain HTTP, an allow-list that
 *     opens every address), each {@code path: why}, without secrets; {@code check} and {@code serve} print them
 */
public record LoadedPluginConfig(String pluginName, String kind, List<String> hooks, String mode, int priority,
        List<Condition> conditions, HeraldConfig herald, boolean includePayloadData, boolean storeConfigured,
        Map<String, Object> entry, List<String> warnings) {

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
        warnings = List.copyOf(warnings);
    }

    /**
     * This config, keeping its deliveries in {@code store} unless it names its own store: how {@code herald serve}
     * makes SQLite in {@code ./.herald} its default while the library's stays memory.
     */
    public LoadedPluginConfig withDefaultStore(StoreSettings store) {
        if (storeConfigured) {
            return this;
        }
        return new LoadedPluginConfig(pluginName, kind, hooks, mode, priority, conditions, herald.withStore(store),
                includePayloadData, false, entry, warnings);
    }
}
