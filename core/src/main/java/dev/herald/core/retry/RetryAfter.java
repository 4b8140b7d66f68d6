package dev.herald.core.retry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses the HTTP {@code Retry-After} header: delay-seconds or an HTTP date (RFC 9110, section 10.2.3). */
public final class RetryAfter {
    private static final long MAX_SECONDS = 365L * 24 * 3600;

    private RetryAfter() {}

    /**
     * The delay the header asks for, measured from {@code now}; a date in the past is a zero delay. An absent or
     * malformed header gives empty, so a bad header never breaks a delivery.
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null) {
            return Optional.empty();
        }
        String v = header.trim();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (v.length() > 12) {
                return Optional.of(Duration.ofSeconds(MAX_SECONDS));
            }
            return Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(v), MAX_SECONDS)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
