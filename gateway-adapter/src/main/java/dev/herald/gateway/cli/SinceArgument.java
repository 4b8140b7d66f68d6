package dev.herald.gateway.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time on the command line: an ISO-8601 instant ({@code 2024-05-01T12:00:00Z}) or a time ago, a whole
 * number of seconds, minutes, hours or days ({@code 90s}, {@code 30m}, {@code 1h}, {@code 7d}).
 */
final class SinceArgument {
    private static final Pattern AGO = Pattern.compile("([0-9]{1,9})([smhd])");
    private static final long MAX_AGO_DAYS = 36_500;

    private SinceArgument() {}

    /**
     * The instant {@code text} names, relative ones counted back from {@code now}.
     *
     * @throws IllegalArgumentException saying what is expected, with the text given
     */
    static Instant parse(String text, Instant now) {
        Matcher m = AGO.matcher(text.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration ago = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (ago.compareTo(Duration.ofDays(MAX_AGO_DAYS)) > 0) {
                throw new IllegalArgumentException("at most " + MAX_AGO_DAYS + " days ago, got \"" + text + "\"");
            }
            return now.minus(ago);
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
            throw new IllegalArgumentException("expected an ISO-8601 instant such as 2024-05-01T12:00:00Z, or a time"
                    + " ago such as 90s, 30m, 1h or 7d, got \"" + shown + "\"", e);
        }
    }
}
