package dev.herald.gateway.server.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why an {@code invoke_hook} call failed, as the gateway's {@code PluginErrorModel} carries it: a machine code, a
 * message, details, and the MCP error code the gateway passes on to its own client.
 *
 * @param code the machine code, one of the constants here
 * @param message what went wrong, for people
 * @param details structured context
 * @param mcpErrorCode the JSON-RPC error code
 */
public record HookError(String code, String message, Map<String, Object> details, int mcpErrorCode) {
    /** The arguments are missing or of the wrong JSON type. */
    public static final String INVALID_ARGUMENTS = "INVALID_ARGUMENTS";
    /** No hosted plugin has that name. */
    public static final String UNKNOWN_PLUGIN = "UNKNOWN_PLUGIN";
    /** The plugin implements no hook of that name. */
    public static final String UNKNOWN_HOOK_TYPE = "UNKNOWN_HOOK_TYPE";
    /** The payload or context is not of the hook's shape. */
    public static final String INVALID_HOOK_INPUT = "INVALID_HOOK_INPUT";
    /** The plugin failed in a way it did not anticipate. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    /** JSON-RPC's "invalid params": the caller's to fix. */
    public static final int INVALID_PARAMS = -32602;
    /** JSON-RPC's "internal error", the gateway's default for plugin errors. */
    public static final int INTERNAL = -32603;

    public HookError {
        // Ordered, and open to nulls: a detail may well report a value that was null.
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A mistake of the caller's. */
    public static HookError invalid(String code, String message, Map<String, Object> details) {
        return new HookError(code, message, details, INVALID_PARAMS);
    }
}
