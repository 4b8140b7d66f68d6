package dev.herald.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** What the gateway sends and expects, as its external-plugin client does, for tests over either transport. */
final class GatewayCalls {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RESULT = "{\"plugin_name\": \"WebhookNotification\", \"result\": {\"continue_processing\":"
            + " true, \"modified_payload\": null, \"violation\": null, \"metadata\": {}}}";

    private GatewayCalls() {}

    /** A full context, as the gateway sends it (nulls left out). */
    static Map<String, Object> context() {
        return Map.of("state", Map.of(), "metadata", Map.of(), "global_context", Map.of("request_id", "r1",
                "user", "alice", "tenant_id", "acme", "server_id", "srv-1", "state", Map.of(), "metadata",
                Map.of()));
    }

    /** The six hooks and a payload of each. */
    static Stream<Arguments> sixHooks() {
        return Stream.of(
                Arguments.of("prompt_pre_fetch", Map.of("prompt_id", "p1", "args", Map.of("topic", "jvm"))),
                Arguments.of("prompt_post_fetch", Map.of("prompt_id", "p1", "result", Map.of("messages",
                        List.of()))),
                Arguments.of("tool_pre_invoke", Map.of("name", "search", "args", Map.of("q", "herald"))),
                Arguments.of("tool_post_invoke", Map.of("name", "search", "result", Map.of("content",
                        List.of(Map.of("type", "text", "text", "ok")), "isError", false))),
                Arguments.of("resource_pre_fetch", Map.of("uri", "file:///a.txt", "metadata", Map.of())),
                Arguments.of("resource_post_fetch", Map.of("uri", "file:///a.txt", "content", Map.of("text",
                        "A"))));
    }

    /** A tool result that failed with "boom", as the gateway hands it to {@code tool_post_invoke}. */
    static Map<String, Object> failedToolPayload() {
        return Map.of("name", "search", "result", Map.of("content", List.of(Map.of("type", "text", "text",
                "boom")), "isError", true));
    }

    static Map<String, Object> invokeArgs(String hookType, String pluginName, Object payload, Object context) {
        // LinkedHashMap: a call may leave an argument out, or give it as null.
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("hook_type", hookType);
        args.put("plugin_name", pluginName);
        args.put("payload", payload);
        args.put("context", context);
        return args;
    }

    /** A copy of the arguments with one of them replaced, by a value of any JSON type. */
    static Map<String, Object> with(Map<String, Object> args, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(args);
        copy.put(key, value);
        return copy;
    }

    /** Calls a tool and parses the one text content it must answer with. */
    static JsonNode call(McpSyncClient client, String tool, Map<String, Object> args) {
        CallToolResult result = client.callTool(new CallToolRequest(tool, args));
        assertThat(result.isError()).as("isError of %s: %s", tool, result).isNotEqualTo(Boolean.TRUE);
        assertThat(result.structuredContent()).isNull();
        assertThat(result.content()).hasSize(1).first().isInstanceOf(TextContent.class);
        return parse(((TextContent) result.content().get(0)).text());
    }

    static JsonNode invoke(McpSyncClient client, String hookType, Object payload) {
        return call(client, "invoke_hook", invokeArgs(hookType, HostedHerald.PLUGIN_NAME, payload, context()));
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** Checks the error envelope's shape: every field the gateway's PluginErrorModel reads, of its type. */
    static void assertErrorEnvelope(JsonNode answer, String pluginName, String code) {
        assertThat(answer.get("plugin_name").asText()).isEqualTo(pluginName);
        assertThat(answer.has("result")).isFalse();
        JsonNode error = answer.get("error");
        assertThat(error.get("message").isTextual()).isTrue();
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("plugin_name").asText()).isEqualTo(pluginName);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("details").isObject()).isTrue();
        assertThat(error.get("mcp_error_code").isInt()).isTrue();
        assertThat(error.size()).isEqualTo(5);
    }
}
