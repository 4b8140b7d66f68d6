package dev.herald.templates.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Event times as the seed wrote them, Python's {@code datetime.now(timezone.utc).isoformat()}:
 * {@code 2026-11-29T12:00:00.000000+00:00}. Python drops the fraction when it is zero; Herald always writes
 * the six digits, so that receivers parse one shape.
 */
public final class PythonTimestamps {
    private static final DateTimeFormatter WIDE_YEARS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'");

    private PythonTimestamps() {}

    /** The instant in UTC with microseconds, sub-microsecond digits cut off. */
    public static String format(Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return WIDE_YEARS.format(t);
        }
        byte[] c = new byte[32];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        c[19] = '.';
        digits(c, 20, t.getNano() / 1000, 6);
        c[26] = '+';
        c[27] = '0';
        c[28] = '0';
        c[29] = ':';
        c[30] = '0';
        c[31] = '0';
        return new String(c, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
