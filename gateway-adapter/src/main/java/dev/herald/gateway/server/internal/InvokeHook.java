package dev.herald.gateway.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.gateway.hooks.HookException;
import dev.herald.gateway.hooks.HookType;
import dev.herald.gateway.hooks.PluginResult;
import dev.herald.gateway.server.HostedPlugin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code invoke_hook} tool: checks the call, runs the hook and answers the envelope. Every failure becomes an
 * error envelope rather than an exception, because an exception would reach the gateway as a JSON-RPC error that
 * its client does not read, and the next hook must find the server serving.
 */
public final class InvokeHook {
    private static final Logger LOG = LoggerFactory.getLogger(InvokeHook.class);
    private static final List<String> HOOK_TYPES = Arrays.stream(HookType.values()).map(HookType::wireName)
            .toList();

    private final PluginRegistry registry;
    private final ObjectMapper json;
    private final Envelopes envelopes;

    public InvokeHook(PluginRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
        this.envelopes = new Envelopes(json);
    }

    /** The hook types a call may name, in the gateway's spelling. */
    public static List<String> hookTypes() {
        return HOOK_TYPES;
    }

    /** Runs one call; answers the envelope's JSON text, never throws. */
    public String call(Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        // The gateway's error model needs a string here, even when the call gave none.
        String pluginName = args.get("plugin_name") instanceof String s ? s : "";
        try {
            return envelopes.result(pluginName, run(args, pluginName));
        } catch (Failure f) {
            return envelopes.error(pluginName, f.error);
        } catch (RuntimeException e) {
            LOG.warn("invoke_hook: plugin '{}' failed", pluginName, e);
            return envelopes.error(pluginName, new HookError(HookError.INTERNAL_ERROR,
                    "the plugin failed: " + e, Map.of("exception", e.getClass().getName()), HookError.INTERNAL));
        }
    }

    private PluginResult run(Map<String, Object> args, String pluginName) throws Failure {
        checkArguments(args);
        String hookType = (String) args.get("hook_type");
        Optional<HostedPlugin> hosted = registry.find(pluginName);
        if (hosted.isEmpty()) {
            throw new Failure(HookError.invalid(HookError.UNKNOWN_PLUGIN, "no plugin named '" + pluginName
                    + "' is hosted here", details("plugin_name", pluginName, "known_plugins", registry.names())));
        }
        if (HookType.of(hookType).isEmpty()) {
            throw new Failure(HookError.invalid(HookError.UNKNOWN_HOOK_TYPE, "plugin '" + pluginName
                    + "' implements no hook '" + hookType + "'", details("hook_type", hookType,
                    "known_hook_types", HOOK_TYPES)));
        }
        JsonNode payload = json.valueToTree(args.get("payload"));
        JsonNode context = json.valueToTree(args.get("context"));
        try {
            return hosted.get().plugin().invoke(hookType, payload, context);
        } catch (HookException e) {
            throw new Failure(HookError.invalid(HookError.INVALID_HOOK_INPUT, e.getMessage(),
                    details("hook_type", hookType)));
        }
    }

    private static void checkArguments(Map<String, Object> args) throws Failure {
        Map<String, Object> problems = new LinkedHashMap<>();
        requireString(args, "hook_type", problems);
        requireString(args, "plugin_name", problems);
        requireObject(args, "payload", problems);
        requireObject(args, "context", problems);
        if (!problems.isEmpty()) {
            List<String> parts = new ArrayList<>();
            problems.forEach((k, v) -> parts.add(k + ": " + v));
            throw new Failure(HookError.invalid(HookError.INVALID_ARGUMENTS,
                    "invoke_hook: invalid arguments: " + String.join("; ", parts), Map.of("arguments", problems)));
        }
    }

    private static void requireString(Map<String, Object> args, String key, Map<String, Object> problems) {
        Object v = args.get(key);
        if (v == null) {
            problems.put(key, "missing");
        } else if (!(v instanceof String s)) {
            problems.put(key, "must be a string, got " + typeOf(v));
        } else if (s.isBlank()) {
            problems.put(key, "must not be blank");
        }
    }

    private static void requireObject(Map<String, Object> args, String key, Map<String, Object> problems) {
        Object v = args.get(key);
        if (v == null) {
            problems.put(key, "missing");
        } else if (!(v instanceof Map)) {
            problems.put(key, "must be an object, got " + typeOf(v));
        }
    }

    /** The JSON type of a value as the SDK's mapper decodes it, for messages in JSON's terms. */
    private static String typeOf(Object v) {
        if (v instanceof String) {
            return "string";
        } else if (v instanceof Number) {
            return "number";
        } else if (v instanceof Boolean) {
            return "boolean";
        } else if (v instanceof List) {
            return "array";
        } else if (v instanceof Map) {
            return "object";
        }
        return v.getClass().getSimpleName();
    }

    private static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            d.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return d;
    }

    /** A failure the envelope reports; checked, so that no path forgets it. */
    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient HookError error;

        Failure(HookError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
