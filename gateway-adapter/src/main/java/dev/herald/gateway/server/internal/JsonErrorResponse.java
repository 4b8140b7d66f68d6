package dev.herald.gateway.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The MCP SDK's response, with its errors rewritten: the SDK answers a bad request with a serialised
 * {@code McpError}, stack frames and all (7 KB of them), or with Jetty's error page. Once it sets an error status,
 * what it writes is held here (at most a few KB) and {@link #finish()} writes the small JSON-RPC error in its place.
 * Successful answers, SSE streams among them, pass through, a JSON-RPC error in them scrubbed by
 * {@link ScrubbingWriter}.
 */
final class JsonErrorResponse extends HttpServletResponseWrapper {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HELD_LIMIT = 16 * 1024;

    private int errorStatus;
    private String errorMessage;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private boolean finished;
    private PrintWriter scrubbing;

    JsonErrorResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void setStatus(int sc) {
        if (sc >= 400) {
            errorStatus = sc;
        }
        super.setStatus(sc);
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        errorStatus = sc;
        errorMessage = msg;
        finish();
    }

    @Override
    public void sendError(int sc) throws IOException {
        sendError(sc, null);
    }

    @Override
    public void setContentLength(int len) {
        if (errorStatus == 0) {
            super.setContentLength(len);
        }
    }

    @Override
    public void setContentLengthLong(long len) {
        if (errorStatus == 0) {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        return errorStatus == 0 ? super.getOutputStream() : heldStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (errorStatus != 0) {
            return new PrintWriter(new OutputStreamWriter(heldStream(), StandardCharsets.UTF_8), true);
        }
        if (scrubbing == null) {
            PrintWriter inner = super.getWriter();
            // The SDK learns that a client left from checkError: the inner writer's errors must show through.
            scrubbing = new PrintWriter(new ScrubbingWriter(inner)) {
                @Override
                public boolean checkError() {
                    return super.checkError() || inner.checkError();
                }
            };
        }
        return scrubbing;
    }

    /** Writes the JSON-RPC error in place of what was held, once, when an error status was set. */
    void finish() throws IOException {
        if (errorStatus == 0 || finished || getResponse().isCommitted()) {
            return;
        }
        finished = true;
        String detail = errorMessage != null ? errorMessage : heldMessage();
        getResponse().resetBuffer();
        // At /mcp the SDK answers 404 for one thing only: a session it does not know.
        HttpErrorBodies.write((HttpServletResponse) getResponse(), errorStatus, errorStatus == 404
                ? HttpErrorBodies.sessionNotFound() : HttpErrorBodies.forStatus(errorStatus, detail));
    }

    /** The {@code message} of the SDK's serialised error, to be scrubbed; null when there is none. */
    private String heldMessage() {
        try {
            JsonNode root = JSON.readTree(held.toByteArray());
            JsonNode message = root == null ? null : root.get("message");
            return message != null && message.isTextual() ? message.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private ServletOutputStream heldStream() {
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                if (held.size() < HELD_LIMIT) {
                    held.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                held.write(b, off, Math.max(0, Math.min(len, HELD_LIMIT - held.size())));
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                try {
                    listener.onWritePossible();
                } catch (IOException e) {
                    listener.onError(e);
                }
            }
        };
    }
}
