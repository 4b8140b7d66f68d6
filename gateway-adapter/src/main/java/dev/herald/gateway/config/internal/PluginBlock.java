package dev.herald.gateway.config.internal;

import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.DispatcherSettings;
import dev.herald.core.endpoint.Condition;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.engine.HeraldConfig;
import dev.herald.store.jdbc.StoreSettings;
import dev.herald.templates.TemplateConfig;
import dev.herald.transport.http.EndpointPolicy;
import dev.herald.transport.http.HttpTransportConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the plugin's {@code config} block into a {@link HeraldConfig}: webhooks, templates, transport and the
 * dispatcher's bounds, every part checked by the code that will run it.
 *
 * @param herald the config Herald starts from
 * @param includePayloadData the seed's {@code include_payload_data}
 * @param storeConfigured whether the block has a {@code store} map; without one {@code herald} keeps memory
 */
public record PluginBlock(HeraldConfig herald, boolean includePayloadData, boolean storeConfigured) {
    private static final List<String> KEYS = keys();

    /**
     * Reads the block at {@code path}.
     *
     * @param pluginName what templates see as {@code plugin_name}
     * @param conditions the entry's conditions, applied to every endpoint
     * @return the config, or empty when anything is wrong (all of it recorded in {@code problems})
     */
    public static Optional<PluginBlock> read(Object block, String path, String pluginName, List<Condition> conditions,
            Problems problems) {
        Fields f = Fields.of(block, path, problems).orElse(null);
        if (f == null) {
            return Optional.empty();
        }
        f.rejectUnknown(KEYS);
        TemplateConfig templates = TemplatesReader.read(f, pluginName, subscribedTypes(f), webhookTemplates(f));
        Set<String> templateNames = TemplatesReader.names(f);
        List<WebhookSpec> specs = new ArrayList<>();
        List<Object> webhooks = f.list("webhooks");
        for (int i = 0; i < webhooks.size(); i++) {
            WebhookReader.read(webhooks.get(i), ConfigPath.index(f.path("webhooks"), i), templateNames, problems)
                    .ifPresent(specs::add);
        }
        List<String> names = EndpointNames.assign(specs, problems);
        List<Endpoint> endpoints = new ArrayList<>();
        Map<String, EndpointPolicy> policies = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            WebhookSpec spec = specs.get(i);
            try {
                endpoints.add(spec.toEndpoint(names.get(i), conditions));
            } catch (IllegalArgumentException e) {
                problems.addRelative(spec.path(), e.getMessage());
            }
            if (spec.policy() != null) {
                policies.put(names.get(i), spec.policy());
            }
        }
        HttpTransportConfig transport = TransportReader.read(f, names, policies);
        int capacity = f.integer("capacity", DispatcherSettings.DEFAULT_CAPACITY, 1, Integer.MAX_VALUE);
        int maxInFlight = f.integer("max_in_flight_per_endpoint", DispatcherSettings.DEFAULT_MAX_IN_FLIGHT_PER_ENDPOINT, 1, Integer.MAX_VALUE);
        Duration closeTimeout = f.seconds("close_timeout", Dispatcher.DEFAULT_CLOSE_TIMEOUT, true);
        StoreSettings store = StoreReader.read(f);
        if (templates != null && transport != null
                && templates.maxOutputBytes() > transport.maxRequestBodyBytes()) {
            problems.add(f.path("max_output_bytes"), "must be at most http.max_request_body_bytes ("
                    + transport.maxRequestBodyBytes() + "), got " + templates.maxOutputBytes()
                    + ": a body that large would be rendered, then refused by the transport");
        }
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        try {
            HeraldConfig herald = HeraldConfig.builder().endpoints(endpoints).templates(templates)
                    .transport(transport).capacity(capacity).maxInFlightPerEndpoint(maxInFlight)
                    .closeTimeout(closeTimeout).store(store).build();
            return Optional.of(new PluginBlock(herald, templates.includePayloadData(), StoreReader.isConfigured(f)));
        } catch (IllegalArgumentException e) {
            problems.addRelative(path, e.getMessage());
            return Optional.empty();
        }
    }

    /** The event type names the webhooks list, as written: what a template keyed by a custom type must match. */
    private static Set<String> subscribedTypes(Fields block) {
        Set<String> types = new HashSet<>();
        if (block.raw("webhooks") instanceof List<?> webhooks) {
            for (Object w : webhooks) {
                if (w instanceof Map<?, ?> m && m.get("events") instanceof List<?> events) {
                    events.stream().filter(String.class::isInstance).map(String.class::cast).forEach(types::add);
                }
            }
        }
        return types;
    }

    /** The named templates the webhooks use, as written. */
    private static Set<String> webhookTemplates(Fields block) {
        Set<String> names = new HashSet<>();
        if (block.raw("webhooks") instanceof List<?> webhooks) {
            for (Object w : webhooks) {
                if (w instanceof Map<?, ?> m && m.get("template") instanceof String name) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>(KnownKeys.BLOCK);
        // The seed's keys first in messages, as its documentation lists them.
        keys.sort((a, b) -> Integer.compare(order(a), order(b)));
        return List.copyOf(keys);
    }

    private static int order(String key) {
        List<String> seed = List.of("webhooks", "payload_templates", "default_template", "include_payload_data",
                "max_payload_size");
        int i = seed.indexOf(key);
        return i >= 0 ? i : seed.size();
    }
}
