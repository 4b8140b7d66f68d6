package dev.herald.gateway.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Keeps Java's internals out of the error messages the MCP SDK sends: it builds many from an exception's text,
 * which names classes, quotes the input and sometimes carries stack frames. Such a message is replaced by the
 * plain meaning of its JSON-RPC code; the full text stays in the server's own log.
 */
public final class SafeErrorText {
    /** A qualified class name ({@code java.lang.String}, {@code com.fasterxml...Foo}), a frame, or a trace. */
    private static final Pattern INTERNALS = Pattern.compile(
            "(?:\\b[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*|Exception|Error:|\\bat [\\w$.]+\\(|Caused by|Throwable"
                    + "|reference chain|\\[Source:|\\bline: \\d+, column: \\d+");
    private static final int MAX_LENGTH = 200;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeErrorText() {}

    /**
     * A JSON-RPC message with its error's message scrubbed and its {@code data} (an exception's text or a stack, in
     * the SDK's errors) left out; the very same string when there was nothing to change or it is not JSON.
     */
    public static String scrubMessage(String json) {
        if (!json.contains("\"error\"")) {
            return json;
        }
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode error = root == null ? null : root.get("error");
            if (error instanceof ObjectNode e && e.path("message").isTextual()) {
                int code = e.path("code").asInt(JsonRpcError.INTERNAL_ERROR);
                String text = e.get("message").asText();
                String safe = scrub(code, text);
                if (!safe.equals(text) || e.has("data")) {
                    e.put("message", safe);
                    e.remove("data");
                    return JSON.writeValueAsString(root);
                }
            }
        } catch (IOException e) {
            // Not JSON: not the SDK's message, and not for us to rewrite.
        }
        return json;
    }

    /** The message when it is short and free of Java's text, the code's plain meaning otherwise. */
    public static String scrub(int code, String message) {
        if (message == null || message.isBlank() || message.length() > MAX_LENGTH
                || INTERNALS.matcher(message).find() || message.indexOf('\n') >= 0) {
            return meaning(code);
        }
        return message;
    }

    /** What a JSON-RPC error code says, in a few words. */
    public static String meaning(int code) {
        return switch (code) {
            case JsonRpcError.PARSE_ERROR -> "parse error";
            case JsonRpcError.INVALID_REQUEST -> "invalid request";
            case -32601 -> "method not found";
            case -32602 -> "invalid params";
            case JsonRpcError.SESSION_NOT_FOUND -> "session not found";
            default -> "internal error";
        };
    }
}
