package dev.herald.gateway.server.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The small JSON-RPC error object every HTTP error of the plugin server carries, whoever raised it: the
 * malformed-request filter, the MCP SDK or Jetty. Its message is chosen here or scrubbed; never an exception's.
 */
public final class HttpErrorBodies {
    private HttpErrorBodies() {}

    /**
     * The error for an HTTP status another component chose.
     *
     * @param detail that component's message, kept only when {@link SafeErrorText} finds it clean; may be null
     */
    public static JsonRpcError forStatus(int status, String detail) {
        int code = switch (status) {
            case 400, 401, 403, 404, 405, 406, 408, 411, 413, 414, 415, 431 -> JsonRpcError.INVALID_REQUEST;
            default -> JsonRpcError.INTERNAL_ERROR;
        };
        String fallback = switch (status) {
            case 400 -> "bad request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 406 -> "not acceptable";
            case 408 -> "request timeout";
            case 411 -> "length required";
            case 413 -> "request body too large";
            case 414 -> "request URI too long";
            case 415 -> "unsupported media type";
            case 431 -> "request headers too large";
            case 503 -> "service unavailable";
            default -> status >= 500 ? "internal error" : "request refused";
        };
        String message = detail == null ? fallback : SafeErrorText.scrub(code, detail);
        if (message.equals(SafeErrorText.meaning(code))) {
            message = fallback;
        }
        return JsonRpcError.of(code, message);
    }

    /** The MCP SDK's 404: the {@code Mcp-Session-Id} names no live session (it expired, or never was). */
    public static JsonRpcError sessionNotFound() {
        return JsonRpcError.of(JsonRpcError.SESSION_NOT_FOUND,
                "session not found: the Mcp-Session-Id names no live session; initialize a new one");
    }

    /** Writes the error as the whole answer, with its status, as {@code application/json}. */
    public static void write(HttpServletResponse response, int status, JsonRpcError error) throws IOException {
        byte[] body = error.toJson();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
