package dev.herald.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryWindowTest {

    @Test
    void neverHasMoreDeliveriesInFlightThanItsBound() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService answers = Executors.newFixedThreadPool(4);
        DeliveryWindow[] window = new DeliveryWindow[1];
        window[0] = new DeliveryWindow(5_000, 3, 10, i -> {
            for (int k = 0; k < 3; k++) {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                answers.execute(() -> {
                    inFlight.decrementAndGet();
                    window[0].completed(true);
                });
            }
        });
        try {
            window[0].start();
            LoadResult result = window[0].await(Duration.ofSeconds(30));

            assertThat(result.deliveries()).isEqualTo(15_000);
            assertThat(result.failed()).isZero();
            // Places come back one by one, so an event may take the last ones: never more than the 10 places.
            assertThat(most.get()).isLessThanOrEqualTo(10);
        } finally {
            answers.shutdownNow();
        }
    }

    @Test
    void answersOnTheSendingThreadDoNotRecurse() throws InterruptedException {
        DeliveryWindow[] window = new DeliveryWindow[1];
        ConcurrentLinkedQueue<Integer> sent = new ConcurrentLinkedQueue<>();
        window[0] = new DeliveryWindow(200_000, 2, 4, i -> {
            sent.add(i);
            window[0].completed(true);
            window[0].completed(i % 2 == 0);
        });

        window[0].start();
        LoadResult result = window[0].await(Duration.ofSeconds(30));

        assertThat(sent).hasSize(200_000);
        assertThat(result.deliveries()).isEqualTo(300_000);
        assertThat(result.failed()).isEqualTo(100_000);
    }

    @Test
    void aSenderThatThrowsFailsItsDeliveries() throws InterruptedException {
        DeliveryWindow window = new DeliveryWindow(10, 2, 2, i -> {
            throw new IllegalStateException("boom");
        });

        window.start();
        LoadResult result = window.await(Duration.ofSeconds(30));

        assertThat(result.failed()).isEqualTo(20);
        assertThat(result.deliveries()).isZero();
    }

    @Test
    void stopsWaitingWhenOutcomesStopComing() throws InterruptedException {
        DeliveryWindow window = new DeliveryWindow(5, 1, 5, i -> {});

        window.start();
        LoadResult result = window.await(Duration.ofMillis(300));

        assertThat(result.failed()).isEqualTo(5);
    }

    @Test
    void lineHasTheDriversFormat() {
        assertThat(new LoadResult(4000, 0, 2_000_000_000L).line())
                .isEqualTo("deliveries=4000 failed=0 seconds=2.000 per_second=2000");
    }
}
