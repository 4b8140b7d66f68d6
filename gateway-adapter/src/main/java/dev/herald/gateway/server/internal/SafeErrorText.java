package dev.herald.gateway.server.internal;

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

    private SafeErrorText() {}

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
