package dev.herald.gateway.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.gateway.hooks.PluginResult;
import java.io.UncheckedIOException;

/** The JSON texts {@code invoke_hook} answers with: a result or an error, under the plugin's name. */
public final class Envelopes {
    private final ObjectMapper json;

    public Envelopes(ObjectMapper json) {
        this.json = json;
    }

    /** {@code {"plugin_name": ..., "result": {...}}}, nulls kept: the gateway validates every field. */
    public String result(String pluginName, PluginResult result) {
        ObjectNode root = json.createObjectNode();
        root.put("plugin_name", pluginName);
        root.set("result", json.valueToTree(result));
        return write(root);
    }

    /** {@code {"plugin_name": ..., "error": {message, plugin_name, code, details, mcp_error_code}}}. */
    public String error(String pluginName, HookError error) {
        ObjectNode root = json.createObjectNode();
        root.put("plugin_name", pluginName);
        ObjectNode e = root.putObject("error");
        e.put("message", error.message());
        e.put("plugin_name", pluginName);
        e.put("code", error.code());
        e.set("details", json.valueToTree(error.details()));
        e.put("mcp_error_code", error.mcpErrorCode());
        return write(root);
    }

    /** Any value as JSON text. */
    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
