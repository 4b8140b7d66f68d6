package dev.herald.metrics.micrometer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Gauges over one source share one reading per period: a scrape of five gauges reads the source once. */
class CachedReadingTest {
    @Test
    void readsWithinThePeriodShareOneReading() {
        AtomicInteger reads = new AtomicInteger();
        CachedReading<Integer> reading = new CachedReading<>(reads::incrementAndGet, Duration.ofMinutes(1));

        for (int i = 0; i < 5; i++) {
            assertThat(reading.get()).isEqualTo(1);
        }
        assertThat(reads.get()).isEqualTo(1);
    }

    @Test
    void aReadAfterThePeriodReadsAgain() {
        AtomicInteger reads = new AtomicInteger();
        CachedReading<Integer> reading = new CachedReading<>(reads::incrementAndGet, Duration.ZERO);

        assertThat(reading.get()).isEqualTo(1);
        assertThat(reading.get()).isEqualTo(2);
    }

    @Test
    void aSourceThatFailsReadsAsNothingAndIsNotAskedAgainWithinThePeriod() {
        AtomicInteger reads = new AtomicInteger();
        CachedReading<Integer> reading = new CachedReading<>(() -> {
            reads.incrementAndGet();
            throw new IllegalStateException("the store is closed");
        }, Duration.ofMinutes(1));

        assertThat(reading.get()).isNull();
        assertThat(reading.get()).isNull();
        assertThat(reads.get()).isEqualTo(1);
    }
}
