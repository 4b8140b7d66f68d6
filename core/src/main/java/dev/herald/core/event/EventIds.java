package dev.herald.core.event;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique ids that sort by creation time: a prefix and a UUIDv7 in lower-case hex without dashes.
 *
 * <p>The 48-bit millisecond time comes first so that ids sort as strings; within one millisecond a counter in
 * the next 12 bits keeps ids of one process strictly increasing, and 62 random bits keep processes apart.
 * Uniqueness within a process rests on the time and counter, not on the random bits, so those come from
 * {@link ThreadLocalRandom} rather than a contended {@code SecureRandom}: an id is
 * made for every delivery, on the hot path.
 */
public final class EventIds {
    private static final AtomicLong LAST = new AtomicLong();
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private EventIds() {}

    /** A new event id, {@code evt_...}. */
    public static String newEventId() {
        return next("evt_");
    }

    /** A new delivery id, {@code msg_...}, as Standard Webhooks names its message ids. */
    public static String newDeliveryId() {
        return next("msg_");
    }

    /** A new id with the given prefix. */
    public static String next(String prefix) {
        long stamp = nextStamp();
        long millis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long msb = (millis << 16) | (0x7L << 12) | counter;
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        // Latin-1 bytes straight into the string: a builder appending 32 digits one by one cost more than the
        // rest of the id.
        int p = isLatin1(prefix) ? prefix.length() : 0;
        byte[] text = new byte[p + 32];
        for (int i = 0; i < p; i++) {
            text[i] = (byte) prefix.charAt(i);
        }
        putHex(text, p, msb);
        putHex(text, p + 16, lsb);
        String id = new String(text, StandardCharsets.ISO_8859_1);
        return p == prefix.length() ? id : prefix + id;
    }

    /** Milliseconds shifted by 12 plus a counter: strictly increasing, borrowing from the next ms if needed. */
    private static long nextStamp() {
        long now = System.currentTimeMillis() << 12;
        while (true) {
            long last = LAST.get();
            long next = Math.max(now, last + 1);
            if (LAST.compareAndSet(last, next)) {
                return next;
            }
        }
    }

    private static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static void putHex(byte[] text, int at, long v) {
        for (int i = 15; i >= 0; i--) {
            text[at + i] = HEX_DIGITS[(int) (v & 0xF)];
            v >>>= 4;
        }
    }
}
