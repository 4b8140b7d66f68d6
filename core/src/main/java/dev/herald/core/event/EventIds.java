package dev.herald.core.event;

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
        StringBuilder sb = new StringBuilder(prefix.length() + 32).append(prefix);
        appendHex(sb, msb);
        appendHex(sb, lsb);
        return sb.toString();
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

    private static void appendHex(StringBuilder sb, long v) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            sb.append(Character.forDigit((int) ((v >>> shift) & 0xF), 16));
        }
    }
}
