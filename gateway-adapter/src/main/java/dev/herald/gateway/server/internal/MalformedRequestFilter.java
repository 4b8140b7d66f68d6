package dev.herald.gateway.server.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands before the MCP SDK's servlet at {@code /mcp} and answers what it must not see: a method other than
 * POST, GET and DELETE (405), a GET that does not accept an SSE stream or a POST that does not accept JSON and
 * SSE (406), a body that is not {@code application/json} (415) or is too large (413), and a body that is not one
 * sound JSON-RPC message (400). What passes goes on with its body already read; the SDK's own errors (a missing
 * or unknown {@code Mcp-Session-Id} among them) are rewritten on the way out. Every error is a small JSON-RPC error
 * object, never a Java exception.
 */
public final class MalformedRequestFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MalformedRequestFilter.class);
    private static final String ALLOWED = "GET, POST, DELETE";

    private final int maxBodyBytes;

    /** @param maxBodyBytes the largest body taken */
    public MalformedRequestFilter(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Refusal> refusal = switch (request.getMethod()) {
            case "GET" -> accepts(request, "text/event-stream") ? Optional.empty()
                    : refuse(406, "Accept: a GET opens an SSE stream and must accept text/event-stream");
            case "DELETE" -> Optional.empty();
            case "POST" -> checkPost(request);
            default -> {
                response.setHeader("Allow", ALLOWED);
                yield refuse(405, "method not allowed: /mcp takes " + ALLOWED);
            }
        };
        if (refusal.isPresent()) {
            answer(response, refusal.get());
            return;
        }
        HttpServletRequest passed = request;
        if (request.getMethod().equals("POST")) {
            Optional<byte[]> body = readBody(request);
            if (body.isEmpty()) {
                response.setHeader("Connection", "close");
                answer(response, new Refusal(413, JsonRpcError.of(JsonRpcError.INVALID_REQUEST,
                        "request body too large: over " + maxBodyBytes + " bytes")));
                return;
            }
            Optional<JsonRpcError> problem = JsonRpcMessageCheck.problem(body.get());
            if (problem.isPresent()) {
                answer(response, new Refusal(400, problem.get()));
                return;
            }
            passed = new BufferedBodyRequest(request, body.get());
        }
        JsonErrorResponse guarded = new JsonErrorResponse(response);
        chain.doFilter(passed, guarded);
        guarded.finish();
    }

    private Optional<Refusal> checkPost(HttpServletRequest request) {
        if (!isJson(request.getContentType())) {
            return refuse(415, "Content-Type: must be application/json");
        }
        if (!accepts(request, "application/json") || !accepts(request, "text/event-stream")) {
            return refuse(406, "Accept: must list both application/json and text/event-stream");
        }
        return Optional.empty();
    }

    /** The body, or empty when it is over the limit (declared or not); none of it is held past the limit. */
    private Optional<byte[]> readBody(HttpServletRequest request) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (body.size() + n > maxBodyBytes) {
                    discardRest(in, buffer);
                    return Optional.empty();
                }
                body.write(buffer, 0, n);
            }
        }
        return Optional.of(body.toByteArray());
    }

    /**
     * Reads what is left of a refused body, up to a bound: a connection closed while the client still sends is
     * reset, and the reset can destroy the 413 before the client reads it.
     */
    private void discardRest(InputStream in, byte[] buffer) throws IOException {
        long budget = 4L * maxBodyBytes;
        for (int n = in.read(buffer); n >= 0 && budget > 0; n = in.read(buffer)) {
            budget -= n;
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase("application/json");
    }

    private static boolean accepts(HttpServletRequest request, String type) {
        // The SDK's servlet looks for the types themselves, so */* would pass here and fail there.
        var accepts = request.getHeaders("Accept");
        while (accepts != null && accepts.hasMoreElements()) {
            if (accepts.nextElement().toLowerCase(Locale.ROOT).contains(type)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Refusal> refuse(int status, String message) {
        return Optional.of(new Refusal(status, JsonRpcError.of(JsonRpcError.INVALID_REQUEST, message)));
    }

    private static void answer(HttpServletResponse response, Refusal refusal) throws IOException {
        LOG.debug("answered a malformed request with {} ({})", refusal.status(), refusal.error().message());
        HttpErrorBodies.write(response, refusal.status(), refusal.error());
    }

    /** An HTTP status and the JSON-RPC error that goes with it. */
    private record Refusal(int status, JsonRpcError error) {}
}
