package dev.herald.templates.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The writer FreeMarker renders into: UTF-8 bytes straight into a growable buffer, so a rendering ends as the
 * exact bytes to send without an intermediate string, and fails as soon as it passes the size cap instead of
 * after filling memory. An unpaired surrogate, from template text or a built-in such as {@code ?json_string},
 * becomes U+FFFD, as in {@link JsonWriter}. Not thread-safe; one per rendering, reused per thread.
 */
public final class Utf8Output extends Writer {
    private static final int INITIAL_CAPACITY = 1024;
    private static final int RETAINED_CAPACITY = 64 * 1024;
    private static final ThreadLocal<Utf8Output> PER_THREAD = new ThreadLocal<>();

    private final char[] scratch = new char[512];
    private StringBuilder builder;
    private byte[] buf;
    private int count;
    private int limit;
    private char pendingHigh;
    private boolean overflowed;
    private boolean inUse;

    /** A writer that fails once more than {@code limit} bytes are written. */
    public Utf8Output(int limit) {
        this.limit = limit;
        this.buf = new byte[Math.min(INITIAL_CAPACITY, limit + 4)];
    }

    /**
     * This thread's writer, emptied, or a fresh one when it is already in use. Give it back with
     * {@link #release()}.
     */
    public static Utf8Output acquire(int limit) {
        Utf8Output out = PER_THREAD.get();
        if (out == null || out.inUse) {
            out = new Utf8Output(limit);
            if (PER_THREAD.get() == null) {
                PER_THREAD.set(out);
            }
        }
        out.reset(limit);
        out.inUse = true;
        return out;
    }

    /** Ends a use begun with {@link #acquire(int)}; a buffer grown very large is dropped rather than kept. */
    public void release() {
        inUse = false;
        if (buf.length > RETAINED_CAPACITY) {
            buf = new byte[INITIAL_CAPACITY];
        }
        if (builder != null && builder.capacity() > RETAINED_CAPACITY) {
            builder = null;
        }
        count = 0;
    }

    private void reset(int newLimit) {
        limit = newLimit;
        count = 0;
        pendingHigh = 0;
        overflowed = false;
    }

    /** Whether the size cap was passed; the rendering failed then, whatever exception reached the caller. */
    public boolean overflowed() {
        return overflowed;
    }

    public int limit() {
        return limit;
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
        checkLimit();
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        ensureCapacity(len);
        int end = off + len;
        int i = off;
        while (i < end) {
            if (pendingHigh == 0) {
                // The common case: a run of ASCII, one byte per char, straight into the buffer.
                byte[] b = buf;
                int c = count;
                int runEnd = Math.min(end, i + (b.length - c));
                while (i < runEnd) {
                    char ch = cbuf[i];
                    if (ch >= 0x80) {
                        break;
                    }
                    b[c++] = (byte) ch;
                    i++;
                }
                count = c;
                if (i == end) {
                    break;
                }
            }
            put(cbuf[i++]);
        }
        checkLimit();
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        if (pendingHigh == 0) {
            // Most values are short ASCII: one pass straight into the buffer, no copy into the scratch array.
            ensureCapacity(len);
            byte[] b = buf;
            int c = count;
            int end = off + len;
            int runEnd = Math.min(end, off + (b.length - c));
            int i = off;
            while (i < runEnd) {
                char ch = str.charAt(i);
                if (ch >= 0x80) {
                    break;
                }
                b[c++] = (byte) ch;
                i++;
            }
            count = c;
            if (i == end) {
                checkLimit();
                return;
            }
            len = end - i;
            off = i;
        }
        // Copying out is an intrinsic and makes the per-char loop run over an array.
        char[] chars = scratch;
        while (len > 0) {
            int n = Math.min(len, chars.length);
            str.getChars(off, off + n, chars, 0);
            write(chars, 0, n);
            off += n;
            len -= n;
        }
    }

    /**
     * An empty builder owned by this writer, for text that must be built before it is written; reusing it spares
     * a builder and a string per value.
     */
    public StringBuilder builder() {
        if (builder == null) {
            builder = new StringBuilder(256);
        }
        builder.setLength(0);
        return builder;
    }

    /** Writes the builder's text. */
    public void write(StringBuilder text) throws IOException {
        char[] chars = scratch;
        int len = text.length();
        int off = 0;
        while (off < len) {
            int n = Math.min(len - off, chars.length);
            text.getChars(off, off + n, chars, 0);
            write(chars, 0, n);
            off += n;
        }
    }

    @Override
    public void write(String str) throws IOException {
        write(str, 0, str.length());
    }

    /**
     * Writes text encoded ahead of time by {@link #encode}. The text must neither start with a low surrogate nor
     * end with a high one, so that it pairs with nothing around it: then the bytes are exactly those that writing
     * the text would give.
     */
    public void writeEncoded(byte[] utf8) throws IOException {
        if (utf8.length == 0) {
            // No text, nothing to pair with: a pending high surrogate stays pending, as writing "" leaves it.
            return;
        }
        if (pendingHigh != 0) {
            // What writing the text's first character would do with the unpaired high surrogate before it.
            pendingHigh = 0;
            putReplacement();
        }
        ensureCapacity(utf8.length);
        if (count + utf8.length > buf.length) {
            overflow();
        }
        System.arraycopy(utf8, 0, buf, count, utf8.length);
        count += utf8.length;
        checkLimit();
    }

    /**
     * The bytes {@link #writeEncoded} may take for this text, or null when the text could pair with a surrogate
     * written before or after it, and so must be written as text.
     */
    public static byte[] encode(String text, int start, int end) {
        if (start == end) {
            return new byte[0];
        }
        if (Character.isLowSurrogate(text.charAt(start)) || Character.isHighSurrogate(text.charAt(end - 1))) {
            return null;
        }
        Utf8Output out = new Utf8Output(Integer.MAX_VALUE - 8);
        try {
            out.write(text, start, end - start);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("encoding in memory cannot fail", e);
        }
    }

    @Override
    public void flush() {
        // Nothing buffered downstream: the bytes are the result.
    }

    @Override
    public void close() {
        // Reused across renderings; release() is the end of a use.
    }

    /** The bytes written, an unpaired surrogate at the very end included as U+FFFD. */
    public byte[] toByteArray() throws IOException {
        finishPending();
        return Arrays.copyOf(buf, count);
    }

    /** The text written, for start-up checks and error messages. */
    @Override
    public String toString() {
        return new String(buf, 0, count, StandardCharsets.UTF_8) + (pendingHigh != 0 ? "\uFFFD" : "");
    }

    private void put(char ch) throws IOException {
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(ch)) {
                putCodePoint(Character.toCodePoint(high, ch));
                return;
            }
            putReplacement();
        }
        room(3);
        if (ch < 0x80) {
            buf[count++] = (byte) ch;
        } else if (ch < 0x800) {
            buf[count++] = (byte) (0xC0 | ch >> 6);
            buf[count++] = (byte) (0x80 | ch & 0x3F);
        } else if (Character.isHighSurrogate(ch)) {
            pendingHigh = ch;
        } else if (Character.isLowSurrogate(ch)) {
            putReplacement();
        } else {
            buf[count++] = (byte) (0xE0 | ch >> 12);
            buf[count++] = (byte) (0x80 | ch >> 6 & 0x3F);
            buf[count++] = (byte) (0x80 | ch & 0x3F);
        }
    }

    private void putCodePoint(int cp) throws IOException {
        room(4);
        buf[count++] = (byte) (0xF0 | cp >> 18);
        buf[count++] = (byte) (0x80 | cp >> 12 & 0x3F);
        buf[count++] = (byte) (0x80 | cp >> 6 & 0x3F);
        buf[count++] = (byte) (0x80 | cp & 0x3F);
    }

    private void putReplacement() throws IOException {
        room(3);
        buf[count++] = (byte) 0xEF;
        buf[count++] = (byte) 0xBF;
        buf[count++] = (byte) 0xBD;
    }

    private void finishPending() throws IOException {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            putReplacement();
            checkLimit();
        }
    }

    /** Room for the next few bytes; past the cap there is none, and the rendering stops. */
    private void room(int bytes) throws IOException {
        if (count + bytes > buf.length) {
            grow(count + bytes);
            if (count + bytes > buf.length) {
                overflow();
            }
        }
    }

    private void ensureCapacity(int chars) {
        if (count + chars > buf.length) {
            grow(count + chars);
        }
    }

    private void grow(int needed) {
        // The buffer never holds more than a few bytes past the cap: enough to notice it was passed.
        int max = limit + 4;
        if (buf.length >= max) {
            return;
        }
        int capacity = Math.min(max, Math.max(needed, buf.length * 2));
        buf = Arrays.copyOf(buf, capacity);
    }

    private void checkLimit() throws IOException {
        if (count > limit) {
            overflow();
        }
    }

    private void overflow() throws IOException {
        overflowed = true;
        throw new OutputTooLargeException(limit);
    }

    /** The rendering produced more bytes than allowed. */
    public static final class OutputTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        OutputTooLargeException(int limit) {
            super("output exceeds " + limit + " bytes");
        }
    }
}
