package dev.herald.gateway.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * A JSON-RPC error answer the server writes itself, for a message it would not hand to the MCP SDK.
 *
 * @param id the id of the message answered, JSON null when it is unknown or unusable
 * @param code the JSON-RPC error code
 * @param message what was wrong, naming the offending key; never a value the caller sent, never Java's text
 */
public record JsonRpcError(JsonNode id, int code, String message) {
    /** The message is not JSON. */
    public static final int PARSE_ERROR = -32700;
    /** The message is JSON but not a JSON-RPC message the server takes. */
    public static final int INVALID_REQUEST = -32600;
    /** The server failed; what failed stays in its log. */
    public static final int INTERNAL_ERROR = -32603;
    /** The {@code Mcp-Session-Id} names no live session (the TypeScript SDK's code, which clients know). */
    public static final int SESSION_NOT_FOUND = -32001;

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonRpcError {
        id = id == null ? NullNode.getInstance() : id;
    }

    /** An error with {@code id} null. */
    public static JsonRpcError of(int code, String message) {
        return new JsonRpcError(NullNode.getInstance(), code, message);
    }

    /** {@code {"jsonrpc":"2.0","id":...,"error":{"code":...,"message":"..."}}} on one line, in UTF-8. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("jsonrpc", "2.0");
        root.set("id", id);
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
