package dev.herald.gateway.config.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key the loader reads, in one table: the readers refuse what is not here, and the tests walk what is, so
 * that a key added to a reader is checked against hostile values without anyone remembering to.
 */
public final class KnownKeys {
    /** The gateway's plugin entry; other keys ({@code description}, {@code tags}) are the gateway's business. */
    static final List<String> ENTRY = List.of("name", "kind", "hooks", "mode", "priority", "conditions");
    static final List<String> CONDITION = List.of("server_ids", "tenant_ids", "tools", "prompts", "resources",
            "user_patterns", "agents", "content_types");
    static final List<String> TEMPLATES = List.of("payload_templates", "default_template", "include_payload_data",
            "max_payload_size", "templates", "max_output_bytes", "max_render_time");
    static final List<String> TRANSPORT = List.of("http", "allowed_networks");
    static final List<String> BLOCK = concat(List.of("webhooks", "capacity", "max_in_flight_per_endpoint",
            "close_timeout", "store"), TEMPLATES, TRANSPORT);
    static final List<String> HTTP = List.of("max_connections", "connect_timeout", "read_timeout",
            "write_timeout", "pool_acquire_timeout", "max_response_body_bytes", "max_request_body_bytes");
    static final List<String> POLICY = List.of("rate_limit", "circuit_breaker", "tls_insecure");
    /** Keys that were once read and are no more, with what to write instead: refused with that advice. */
    static final Map<String, String> REMOVED = Map.of("max_concurrent_requests",
            "no longer a setting: the dispatcher alone bounds the attempts in flight to each endpoint; set the"
                    + " block's max_in_flight_per_endpoint instead");
    static final List<String> WEBHOOK = concat(List.of("url", "events", "authentication", "retry_attempts",
            "retry_delay", "timeout", "enabled"), List.of("name", "headers", "retry_jitter", "max_retry_delay",
            "max_retry_after", "template", "propagate_trace_context"), POLICY);
    static final List<String> BREAKER = List.of("consecutive_failures", "failure_rate_threshold",
            "sliding_window_size", "minimum_number_of_calls", "wait_in_open_state", "half_open_probes");
    /** Each authentication type with the keys it reads besides {@code type}. */
    static final Map<String, List<String>> AUTH_BY_TYPE = authByType();
    static final List<String> AUTH = authKeys();
    static final List<String> STORE_COMMON = List.of("type", "node", "lease", "poll_interval", "retention");
    static final List<String> STORE_SQLITE = List.of("path", "durability");
    static final List<String> STORE_POSTGRES = List.of("url", "user", "password", "schema", "pool_size");
    static final List<String> STORE = concat(STORE_COMMON, STORE_SQLITE, STORE_POSTGRES);

    private KnownKeys() {}

    /**
     * Every key's path in a gateway plugin entry, segment by segment; {@code []} stands for any element of a list:
     * {@code [config, webhooks, [], authentication, token]}.
     */
    public static List<List<String>> paths() {
        List<List<String>> out = new ArrayList<>();
        add(out, List.of(), ENTRY);
        add(out, List.of("conditions", "[]"), CONDITION);
        add(out, List.of("config"), BLOCK);
        add(out, List.of("config", "http"), HTTP);
        add(out, List.of("config", "store"), STORE);
        add(out, List.of("config", "webhooks", "[]"), WEBHOOK);
        add(out, List.of("config", "webhooks", "[]", "circuit_breaker"), BREAKER);
        add(out, List.of("config", "webhooks", "[]", "authentication"), AUTH);
        return List.copyOf(out);
    }

    private static void add(List<List<String>> out, List<String> parent, List<String> keys) {
        for (String key : keys) {
            List<String> path = new ArrayList<>(parent);
            path.add(key);
            out.add(List.copyOf(path));
        }
    }

    private static Map<String, List<String>> authByType() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("none", List.of());
        m.put("bearer", List.of("token"));
        m.put("api_key", List.of("api_key", "api_key_header"));
        m.put("hmac", List.of("hmac_secret", "hmac_algorithm", "hmac_header"));
        m.put("standard_webhooks", List.of("secret", "secrets"));
        return Collections.unmodifiableMap(m);
    }

    private static List<String> authKeys() {
        List<String> keys = new ArrayList<>(List.of("type"));
        AUTH_BY_TYPE.values().forEach(keys::addAll);
        return List.copyOf(keys);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return List.copyOf(out);
    }
}
