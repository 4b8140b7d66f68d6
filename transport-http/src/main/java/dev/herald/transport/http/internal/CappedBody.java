package dev.herald.transport.http.internal;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * Keeps the first {@code cap} bytes of a response body. Only the start of an answer is worth recording, and a
 * receiver must not be able to make Herald buffer an unbounded body.
 */
final class CappedBody {
    private final int cap;
    private byte[] bytes = new byte[0];
    private int size;
    private boolean truncated;

    CappedBody(int cap) {
        this.cap = cap;
    }

    /**
     * Copies what still fits from the chunk; does not retain or release it.
     *
     * @return whether the body went over the cap, so that reading can stop
     */
    boolean append(ByteBuf chunk) {
        int readable = chunk.readableBytes();
        int take = Math.min(readable, cap - size);
        if (take > 0) {
            ensureCapacity(size + take);
            chunk.getBytes(chunk.readerIndex(), bytes, size, take);
            size += take;
        }
        if (take < readable) {
            truncated = true;
        }
        return truncated;
    }

    private void ensureCapacity(int needed) {
        if (needed > bytes.length) {
            int grown = Math.max(needed, Math.min(cap, Math.max(1024, bytes.length * 2)));
            bytes = Arrays.copyOf(bytes, grown);
        }
    }

    byte[] bytes() {
        return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }

    boolean truncated() {
        return truncated;
    }
}
