package dev.herald.gateway.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three tools of the external-plugin protocol. None declares an {@code outputSchema}: the gateway reads the
 * answer from one text content, and an output schema would oblige the server to send structured content too.
 */
public final class PluginTools {
    public static final String GET_PLUGIN_CONFIGS = "get_plugin_configs";
    public static final String GET_PLUGIN_CONFIG = "get_plugin_config";
    public static final String INVOKE_HOOK = "invoke_hook";

    private PluginTools() {}

    /** The tools over the hosted plugins. */
    public static List<SyncToolSpecification> of(PluginRegistry registry, ObjectMapper json) {
        Envelopes envelopes = new Envelopes(json);
        InvokeHook invokeHook = new InvokeHook(registry, json);
        return List.of(
                tool(GET_PLUGIN_CONFIGS, "The config entries of every plugin this server hosts, as a JSON list.",
                        schema(Map.of(), List.of()),
                        args -> text(envelopes.write(registry.configEntries()))),
                tool(GET_PLUGIN_CONFIG, "The config entry of one plugin, by name (case aside); {} when unknown.",
                        schema(Map.of("name", property("string", "the plugin's name"))), args -> {
                            Object name = args.get("name");
                            if (!(name instanceof String n)) {
                                return error("get_plugin_config: 'name' must be a string");
                            }
                            return text(envelopes.write(registry.find(n).map(p -> p.configEntry())
                                    .orElse(Map.of())));
                        }),
                tool(INVOKE_HOOK, "Runs one hook of one plugin; answers {plugin_name, result} or"
                                + " {plugin_name, error}.",
                        invokeHookSchema(), args -> text(invokeHook.call(args))));
    }

    private static Map<String, Object> invokeHookSchema() {
        Map<String, Object> hookType = property("string", "the hook, in the gateway's spelling");
        hookType.put("enum", InvokeHook.hookTypes());
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("hook_type", hookType);
        properties.put("plugin_name", property("string", "the plugin's name, as in its config entry"));
        properties.put("payload", property("object", "the hook's payload"));
        properties.put("context", property("object", "the plugin context: state, metadata, global_context"));
        return schema(properties);
    }

    private interface Handler {
        CallToolResult handle(Map<String, Object> arguments);
    }

    private static SyncToolSpecification tool(String name, String description, Map<String, Object> inputSchema,
            Handler handler) {
        Tool tool = Tool.builder(name).description(description).inputSchema(inputSchema).build();
        return SyncToolSpecification.builder().tool(tool).callHandler((exchange, request) -> handler.handle(
                request.arguments() == null ? Map.of() : request.arguments())).build();
    }

    private static Map<String, Object> schema(Map<String, Object> properties) {
        return schema(properties, List.copyOf(properties.keySet()));
    }

    private static Map<String, Object> schema(Map<String, Object> properties, List<String> required) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", properties);
        if (!required.isEmpty()) {
            s.put("required", required);
        }
        return s;
    }

    private static Map<String, Object> property(String type, String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", type);
        p.put("description", description);
        return p;
    }

    private static CallToolResult text(String text) {
        return CallToolResult.builder().addContent(new TextContent(text)).isError(false).build();
    }

    private static CallToolResult error(String message) {
        return CallToolResult.builder().addContent(new TextContent(message)).isError(true).build();
    }
}
