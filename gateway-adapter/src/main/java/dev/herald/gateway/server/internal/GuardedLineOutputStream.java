package dev.herald.gateway.server.internal;

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
        String text = new String(message, StandardCharsets.UTF_8);
        String safe = SafeErrorText.scrubMessage(text);
        return safe == text ? message : safe.getBytes(StandardCharsets.UTF_8);
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
