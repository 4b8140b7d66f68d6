package dev.herald.gateway.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Stdout of the stdio transport: one JSON-RPC message per line, whoever writes it. The SDK and
 * {@link ValidatedLineInputStream} both answer on it, so bytes are held until a line is whole and each line is
 * written at once; and an error the SDK built from an exception has its message scrubbed on the way out.
 */
public final class GuardedLineOutputStream extends OutputStream {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ERROR_KEY = "\"error\"".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public GuardedLineOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (b == '\n') {
            emit(line.toByteArray());
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i - start);
                emit(line.toByteArray());
                line.reset();
                start = i + 1;
            }
        }
        line.write(b, start, off + len - start);
    }

    /** Writes one whole message, between the lines of any other writer. */
    public synchronized void writeLine(byte[] message) throws IOException {
        emit(message);
    }

    @Override
    public synchronized void flush() throws IOException {
        // A partial line stays held: flushing half a message would let another writer's line cut into it.
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (line.size() > 0) {
            emit(line.toByteArray());
            line.reset();
        }
        out.close();
    }

    private void emit(byte[] message) throws IOException {
        out.write(scrubbed(message));
        out.write('\n');
        out.flush();
    }

    private static byte[] scrubbed(byte[] message) {
        if (indexOf(message, ERROR_KEY) < 0) {
            return message;
        }
        try {
            JsonNode root = JSON.readTree(message);
            JsonNode error = root == null ? null : root.get("error");
            if (error instanceof ObjectNode e && e.path("message").isTextual()) {
                int code = e.path("code").asInt(JsonRpcError.INTERNAL_ERROR);
                String text = e.get("message").asText();
                String safe = SafeErrorText.scrub(code, text);
                boolean extra = e.has("data");
                if (!safe.equals(text) || extra) {
                    e.put("message", safe);
                    // The SDK's data is an exception's text or a stack: it stays in the log.
                    e.remove("data");
                    return JSON.writeValueAsBytes(root);
                }
            }
        } catch (IOException e) {
            // Not JSON: not the SDK's, and not for us to rewrite.
        }
        return message;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
