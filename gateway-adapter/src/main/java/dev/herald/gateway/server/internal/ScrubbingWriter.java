package dev.herald.gateway.server.internal;

import java.io.Writer;

/**
 * The writer of the MCP SDK's successful answers (JSON bodies and SSE events): a JSON-RPC error among them, which
 * the SDK may build from an exception's text, has its message scrubbed. Text is held until a line ends or the SDK
 * flushes, which it does after every event, so streaming is not delayed.
 */
final class ScrubbingWriter extends Writer {
    private static final String DATA = "data:";

    private final Writer out;
    private final StringBuilder line = new StringBuilder();

    ScrubbingWriter(Writer out) {
        this.out = out;
    }

    @Override
    public synchronized void write(char[] cbuf, int off, int len) throws java.io.IOException {
        for (int i = off; i < off + len; i++) {
            line.append(cbuf[i]);
            if (cbuf[i] == '\n') {
                emit();
            }
        }
    }

    @Override
    public synchronized void flush() throws java.io.IOException {
        emit();
        out.flush();
    }

    @Override
    public synchronized void close() throws java.io.IOException {
        emit();
        out.close();
    }

    private void emit() throws java.io.IOException {
        if (line.length() == 0) {
            return;
        }
        String text = line.toString();
        line.setLength(0);
        out.write(scrub(text));
    }

    /** An SSE data line or a whole JSON body, its error scrubbed. */
    private static String scrub(String text) {
        if (!text.contains("\"error\"")) {
            return text;
        }
        if (text.startsWith(DATA)) {
            String end = text.endsWith("\n") ? "\n" : "";
            String json = text.substring(DATA.length(), text.length() - end.length()).strip();
            String safe = SafeErrorText.scrubMessage(json);
            return safe == json ? text : DATA + " " + safe + end;
        }
        return SafeErrorText.scrubMessage(text);
    }
}
