package dev.herald.gateway.server.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that says when it ends. The SDK's stdio transport ends its session quietly when stdin closes;
 * the server must learn of it to stop, since a plugin process lives exactly as long as its gateway's pipe.
 */
public final class EofSignallingInputStream extends FilterInputStream {
    private final Runnable onEnd;

    /** @param onEnd run (possibly more than once) at the end of the stream or when reading it fails */
    public EofSignallingInputStream(InputStream in, Runnable onEnd) {
        super(in);
        this.onEnd = onEnd;
    }

    @Override
    public int read() throws IOException {
        return signal(readOrSignal(() -> super.read()));
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return signal(readOrSignal(() -> super.read(b, off, len)));
    }

    private interface Read {
        int read() throws IOException;
    }

    private int readOrSignal(Read read) throws IOException {
        try {
            return read.read();
        } catch (IOException e) {
            onEnd.run();
            throw e;
        }
    }

    private int signal(int n) {
        if (n < 0) {
            onEnd.run();
        }
        return n;
    }
}
