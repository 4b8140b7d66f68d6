package dev.herald.gateway.server.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stdin of the stdio transport, read a line at a time: a line that is a sound JSON-RPC message is passed on to the
 * SDK, any other gets its JSON-RPC error on stdout here and never reaches the SDK, whose transport would end the
 * session on it and leave the gateway waiting. Blank lines are skipped; a line over the size limit is dropped
 * without being held.
 */
public final class ValidatedLineInputStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(ValidatedLineInputStream.class);

    private final InputStream in;
    private final GuardedLineOutputStream answers;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[8192];
    private int chunkPos;
    private int chunkEnd;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean lineTooLong;
    private byte[] ready = new byte[0];
    private int readyPos;
    private boolean ended;

    /**
     * @param answers where the errors for bad lines go: the stream the SDK answers on too
     * @param maxLineBytes the largest message taken, in bytes
     */
    public ValidatedLineInputStream(InputStream in, GuardedLineOutputStream answers, int maxLineBytes) {
        this.in = in;
        this.answers = answers;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (readyPos == ready.length) {
            if (ended || !nextSoundLine()) {
                ended = true;
                return -1;
            }
        }
        int n = Math.min(len, ready.length - readyPos);
        System.arraycopy(ready, readyPos, b, off, n);
        readyPos += n;
        return n;
    }

    /** Reads lines until one is sound, and makes it ready; false at the end of the input. */
    private boolean nextSoundLine() throws IOException {
        while (true) {
            Optional<byte[]> next = nextLine();
            if (next.isEmpty()) {
                return false;
            }
            byte[] message = next.get();
            if (message.length == 0) {
                continue;
            }
            Optional<JsonRpcError> problem = JsonRpcMessageCheck.problem(message);
            if (problem.isEmpty()) {
                ready = Arrays.copyOf(message, message.length + 1);
                ready[message.length] = '\n';
                readyPos = 0;
                return true;
            }
            answer(problem.get());
        }
    }

    private void answer(JsonRpcError error) throws IOException {
        LOG.warn("stdio: answered a malformed message with {} ({})", error.code(), error.message());
        answers.writeLine(error.toJson());
    }

    /**
     * The next line without its end ({@code \n} or {@code \r\n}), blank as empty; empty at the end of the input. A
     * line over the limit is answered and skipped here.
     */
    private Optional<byte[]> nextLine() throws IOException {
        line.reset();
        lineTooLong = false;
        while (true) {
            if (chunkPos == chunkEnd) {
                chunkEnd = in.read(chunk, 0, chunk.length);
                chunkPos = 0;
                if (chunkEnd < 0) {
                    chunkEnd = 0;
                    if (line.size() == 0 && !lineTooLong) {
                        return Optional.empty();
                    }
                    // A last message without its newline is still a message.
                    return Optional.of(finish());
                }
            }
            int start = chunkPos;
            while (chunkPos < chunkEnd && chunk[chunkPos] != '\n') {
                chunkPos++;
            }
            append(start, chunkPos);
            if (chunkPos < chunkEnd) {
                chunkPos++;
                if (lineTooLong) {
                    answer(JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "invalid request: the message is over "
                            + maxLineBytes + " bytes"));
                    line.reset();
                    lineTooLong = false;
                    continue;
                }
                return Optional.of(finish());
            }
        }
    }

    private void append(int from, int to) {
        if (lineTooLong) {
            return;
        }
        if (line.size() + (to - from) > maxLineBytes + 1) {
            lineTooLong = true;
            line.reset();
            return;
        }
        line.write(chunk, from, to - from);
    }

    private byte[] finish() throws IOException {
        if (lineTooLong) {
            answer(JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "invalid request: the message is over "
                    + maxLineBytes + " bytes"));
            return new byte[0];
        }
        byte[] bytes = line.toByteArray();
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\r') {
            end--;
        }
        boolean blank = true;
        for (int i = 0; i < end && blank; i++) {
            blank = bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r';
        }
        return blank ? new byte[0] : Arrays.copyOf(bytes, end);
    }

    @Override
    public int available() {
        return ready.length - readyPos;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
