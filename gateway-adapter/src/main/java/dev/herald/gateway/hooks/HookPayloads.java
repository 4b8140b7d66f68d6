package dev.herald.gateway.hooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The payloads of the gateway's six hooks, as JSON records. Unknown fields are ignored, as new gateways add some. */
public final class HookPayloads {
    private HookPayloads() {}

    /** {@code prompt_pre_fetch}: the prompt about to be fetched. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromptPreFetch(@JsonProperty("prompt_id") String promptId, Map<String, Object> args) {}

    /** {@code prompt_post_fetch}: the prompt fetched. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromptPostFetch(@JsonProperty("prompt_id") String promptId, Object result) {}

    /** {@code tool_pre_invoke}: the tool about to be called. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ToolPreInvoke(String name, Map<String, Object> args, Map<String, Object> headers) {}

    /** {@code tool_post_invoke}: the tool's result, the MCP {@code CallToolResult} as a map. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ToolPostInvoke(String name, Object result) {}

    /** {@code resource_pre_fetch}: the resource about to be fetched. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ResourcePreFetch(String uri, Map<String, Object> metadata) {}

    /** {@code resource_post_fetch}: the resource fetched. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ResourcePostFetch(String uri, Object content) {}
}
