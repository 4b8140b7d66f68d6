package dev.herald.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.transport.http.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PermitScheduleTest {
    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000 * MS;

    @Test
    void givesEachPeriodItsPermitsInOrder() {
        PermitSchedule s = new PermitSchedule(new RateLimit(2, Duration.ofMillis(100)), T0);
        long noDeadline = T0 + 10_000 * MS;
        assertThat(s.reserve(T0, noDeadline)).isZero();
        assertThat(s.reserve(T0 + 10 * MS, noDeadline)).isZero();
        assertThat(s.reserve(T0 + 20 * MS, noDeadline)).isEqualTo(80 * MS);
        assertThat(s.reserve(T0 + 20 * MS, noDeadline)).isEqualTo(80 * MS);
        assertThat(s.reserve(T0 + 20 * MS, noDeadline)).isEqualTo(180 * MS);
        // Once the reserved periods are past, the current one starts afresh.
        assertThat(s.reserve(T0 + 1_000 * MS, noDeadline)).isZero();
    }

    @Test
    void aSlotPastTheDeadlineIsRefusedAndLeftForTheNext() {
        PermitSchedule s = new PermitSchedule(new RateLimit(1, Duration.ofMillis(100)), T0);
        assertThat(s.reserve(T0, T0 + 50 * MS)).isZero();
        assertThat(s.reserve(T0 + 10 * MS, T0 + 60 * MS)).isEqualTo(-1);
        assertThat(s.reserve(T0 + 10 * MS, T0 + 100 * MS)).as("a slot starting at the deadline").isEqualTo(-1);
        assertThat(s.reserve(T0 + 10 * MS, T0 + 500 * MS)).isEqualTo(90 * MS);
        assertThat(s.reserve(T0 + 10 * MS, T0 + 500 * MS)).isEqualTo(190 * MS);
    }
}
