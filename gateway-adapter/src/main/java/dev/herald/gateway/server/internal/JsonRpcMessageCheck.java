package dev.herald.gateway.server.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.util.Optional;

/**
 * Checks one JSON-RPC message before the MCP SDK sees it. The SDK ends a stdio session on a message it cannot
 * read, and over HTTP answers one with a serialised Java exception, so whatever passes here must be a message it
 * reads: one JSON object (MCP has no batches) with {@code "jsonrpc": "2.0"}, an id that is a string or an integer,
 * and either a string {@code method} with object {@code params}, or exactly one of {@code result} and an
 * {@code error} object with an integer {@code code} and a string {@code message}.
 */
public final class JsonRpcMessageCheck {
    /** The largest message taken, over stdio as over HTTP: a hook's payload with a large tool result fits. */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** JSON-RPC's "invalid params". */
    public static final int INVALID_PARAMS = -32602;

    private JsonRpcMessageCheck() {}

    /** The error to answer instead of passing the message on, or empty when the message is sound. */
    public static Optional<JsonRpcError> problem(byte[] message) {
        JsonNode root;
        try (JsonParser parser = STRICT.createParser(message)) {
            root = STRICT.readTree(parser);
        } catch (IOException e) {
            // Jackson's text names its own classes and quotes the input: neither goes back to the caller.
            return Optional.of(JsonRpcError.of(JsonRpcError.PARSE_ERROR, "parse error: the message is not JSON"));
        }
        if (root == null || root.isMissingNode()) {
            return Optional.of(JsonRpcError.of(JsonRpcError.PARSE_ERROR, "parse error: the message is empty"));
        }
        if (root.isArray()) {
            return invalid(null, "batches are not supported: send one JSON-RPC object per message");
        }
        if (!root.isObject()) {
            return invalid(null, "a JSON-RPC message must be a JSON object, got a " + kind(root));
        }
        JsonNode id = root.get("id");
        boolean hasId = root.has("id");
        if (hasId && !(id.isTextual() || id.isIntegralNumber())) {
            return invalid(null, "id: must be a string or an integer, got " + kind(id));
        }
        JsonNode jsonrpc = root.get("jsonrpc");
        if (jsonrpc == null) {
            return invalid(id, "jsonrpc: missing, must be \"2.0\"");
        }
        if (!jsonrpc.isTextual() || !jsonrpc.asText().equals("2.0")) {
            return invalid(id, "jsonrpc: must be \"2.0\"");
        }
        if (root.has("method")) {
            return request(root, id);
        }
        return response(root, id, hasId);
    }

    private static Optional<JsonRpcError> request(JsonNode root, JsonNode id) {
        JsonNode method = root.get("method");
        if (!method.isTextual() || method.asText().isBlank()) {
            return invalid(id, "method: must be a non-blank string, got " + kind(method));
        }
        if (root.has("result") || root.has("error")) {
            return invalid(id, "a request carries no result or error");
        }
        JsonNode params = root.get("params");
        if (params != null && !params.isObject()) {
            return invalid(id, "params: must be an object, got " + kind(params));
        }
        return paramsProblem(method.asText(), params).map(m -> new JsonRpcError(id == null ? NullNode.getInstance()
                : id, INVALID_PARAMS, "invalid params: " + m));
    }

    /**
     * The params of the methods this server serves, where the SDK cannot read them: over HTTP it then answers
     * nothing at all (an empty event stream, and the caller waits for its timeout), over stdio Jackson's text.
     * Strings may come as numbers (Jackson reads those), never as objects or arrays.
     */
    private static Optional<String> paramsProblem(String method, JsonNode params) {
        switch (method) {
            case "tools/call" -> {
                if (params == null) {
                    return Optional.of("params: missing, tools/call needs a name");
                }
                if (!params.path("name").isValueNode() || params.path("name").isNull()) {
                    return Optional.of("params.name: must be a string");
                }
                JsonNode arguments = params.get("arguments");
                if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
                    return Optional.of("params.arguments: must be an object, got " + kind(arguments));
                }
            }
            case "initialize" -> {
                if (params == null) {
                    return Optional.of("params: missing, initialize needs protocolVersion and clientInfo");
                }
                for (String key : new String[] {"capabilities", "clientInfo"}) {
                    JsonNode v = params.get(key);
                    if (v != null && !v.isNull() && !v.isObject()) {
                        return Optional.of("params." + key + ": must be an object, got " + kind(v));
                    }
                }
                for (String path : new String[] {"protocolVersion", "clientInfo.name", "clientInfo.version"}) {
                    JsonNode v = params.at("/" + path.replace('.', '/'));
                    if (!v.isMissingNode() && !v.isNull() && !v.isValueNode()) {
                        return Optional.of("params." + path + ": must be a string, got " + kind(v));
                    }
                }
            }
            default -> {
                // Other methods: the SDK reads or refuses them itself, with an answer.
            }
        }
        JsonNode meta = params == null ? null : params.get("_meta");
        if (meta != null && !meta.isNull() && !meta.isObject()) {
            return Optional.of("params._meta: must be an object, got " + kind(meta));
        }
        return Optional.empty();
    }

    private static Optional<JsonRpcError> response(JsonNode root, JsonNode id, boolean hasId) {
        // The SDK reads a null result or error as none, and ends the stdio session on the message.
        boolean result = root.hasNonNull("result");
        boolean error = root.hasNonNull("error");
        if (!result && !error) {
            return invalid(id, "method: missing (a request needs one, a response needs a result or an error)");
        }
        if (result && error) {
            return invalid(id, "a response carries a result or an error, not both");
        }
        if (!hasId) {
            return invalid(null, "id: missing in a response");
        }
        if (error) {
            JsonNode e = root.get("error");
            if (!e.isObject()) {
                return invalid(id, "error: must be an object, got " + kind(e));
            }
            if (!e.path("code").isIntegralNumber()) {
                return invalid(id, "error.code: must be an integer");
            }
            if (!e.path("message").isTextual()) {
                return invalid(id, "error.message: must be a string");
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonRpcError> invalid(JsonNode id, String message) {
        return Optional.of(new JsonRpcError(id == null ? NullNode.getInstance() : id, JsonRpcError.INVALID_REQUEST,
                "invalid request: " + message));
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> "value of another kind";
        };
    }
}
