package dev.herald.gateway.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines of strict UTF-8, decoded one at a time so that an invalid byte is reported at its own line (a reader that
 * decodes ahead would blame an earlier one), and bounded so that input without newlines cannot fill the heap.
 */
final class Utf8Lines implements Closeable {
    /** Far above any event, far below the heap. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int number;

    /** Thrown for a line longer than {@link #MAX_LINE_BYTES}; the reader has skipped to the next line. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException() {
            super("longer than " + MAX_LINE_BYTES + " bytes", null);
        }
    }

    Utf8Lines(InputStream in) {
        this.in = new BufferedInputStream(in);
    }

    /** The number of the line last read, from 1. */
    int number() {
        return number;
    }

    /**
     * The next line without its line end, or null at the end of input.
     *
     * @throws CharacterCodingException when the line is not UTF-8
     * @throws LineTooLongException when it is too long; the next call reads the line after it
     */
    String next() throws IOException {
        line.reset();
        int b;
        boolean tooLong = false;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() < MAX_LINE_BYTES) {
                line.write(b);
            } else {
                tooLong = true;
            }
        }
        if (b == -1 && line.size() == 0 && !tooLong) {
            return null;
        }
        number++;
        if (tooLong) {
            throw new LineTooLongException();
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
