package dev.herald.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class PythonTimestampsTest {

    @Test
    void formatsLikePythonsIsoformatInUtcWithMicroseconds() {
        assertThat(PythonTimestamps.format(Instant.parse("2026-11-29T12:00:00Z")))
                .isEqualTo("2026-11-29T12:00:00.000000+00:00");
        assertThat(PythonTimestamps.format(Instant.parse("2026-01-02T03:04:05.678901999Z")))
                .isEqualTo("2026-01-02T03:04:05.678901+00:00");
        assertThat(PythonTimestamps.format(Instant.parse("1970-01-01T00:00:00.000001Z")))
                .isEqualTo("1970-01-01T00:00:00.000001+00:00");
    }

    @Test
    void agreesWithTheJdkFormatterOverManyInstants() {
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'")
                .withZone(ZoneOffset.UTC);
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong() % 253_402_300_799L, random.nextInt(1_000_000_000));
            if (t.isBefore(Instant.parse("0000-01-01T00:00:00Z"))) {
                continue;
            }
            assertThat(PythonTimestamps.format(t)).as(t.toString()).isEqualTo(reference.format(t));
        }
    }
}
