package dev.herald.gateway.server.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The pipes the stdio transport speaks over. On the process's own stdin and stdout, stdout belongs to the protocol
 * alone, so while the server runs {@code System.out} is pointed at stderr: a stray print from any library would
 * otherwise corrupt a JSON-RPC line and end the gateway's session.
 */
public final class StdioChannel {
    private final InputStream in;
    private final OutputStream out;
    private final boolean systemStreams;
    private PrintStream protocolOut;

    private StdioChannel(InputStream in, OutputStream out, boolean systemStreams) {
        this.in = in;
        this.out = out;
        this.systemStreams = systemStreams;
    }

    /** The process's stdin and stdout. */
    public static StdioChannel system() {
        return new StdioChannel(null, null, true);
    }

    /** Given streams, left as they are. */
    public static StdioChannel of(InputStream in, OutputStream out) {
        return new StdioChannel(in, out, false);
    }

    /**
     * The SDK's transport over these pipes.
     *
     * @param onEnd run when the input ends, which is how a gateway says it is done with the plugin
     */
    public synchronized StdioServerTransportProvider open(McpJsonMapper mapper, Runnable onEnd) {
        InputStream input = in;
        OutputStream output = out;
        if (systemStreams) {
            protocolOut = System.out;
            System.setOut(System.err);
            input = System.in;
            output = protocolOut;
        }
        // Every line is checked before the SDK reads it, and answered here when bad: the SDK's transport ends the
        // session on a line it cannot read. Both answer on one guarded stream, a whole line at a time.
        GuardedLineOutputStream lines = new GuardedLineOutputStream(output);
        InputStream checked = new ValidatedLineInputStream(new EofSignallingInputStream(input, onEnd), lines,
                JsonRpcMessageCheck.MAX_MESSAGE_BYTES);
        return new StdioServerTransportProvider(mapper, checked, lines);
    }

    /** Gives {@code System.out} back. */
    public synchronized void close() {
        if (protocolOut != null) {
            System.out.flush();
            System.setOut(protocolOut);
            protocolOut = null;
        }
    }
}
