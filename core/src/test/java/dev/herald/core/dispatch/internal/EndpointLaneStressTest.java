package dev.herald.core.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Many threads offering to one lane while attempts end on others: the attempts in flight never exceed the bound,
 * and every delivery offered is started exactly once.
 */
class EndpointLaneStressTest {
    private static final int BOUND = 4;
    private static final int OFFERING_THREADS = 8;
    private static final int PER_THREAD = 5_000;
    private static final int ITEMS = OFFERING_THREADS * PER_THREAD;

    private final EndpointLane lane = new EndpointLane(BOUND);
    private final Event event = Event.builder(EventType.TOOL_SUCCESS).build();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private final AtomicIntegerArray starts = new AtomicIntegerArray(ITEMS);
    private final CountDownLatch ended = new CountDownLatch(ITEMS);
    // Attempts end on other threads than those that offer, as answers do on the transport's.
    private final ExecutorService answers = Executors.newFixedThreadPool(4);
    private final ExecutorService offerers = Executors.newFixedThreadPool(OFFERING_THREADS);

    @AfterEach
    void stopThreads() {
        offerers.shutdownNow();
        answers.shutdownNow();
    }

    @RepeatedTest(3)
    void inFlightNeverExceedsTheBoundAndEveryDeliveryStartsExactlyOnce() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < OFFERING_THREADS; t++) {
            int first = t * PER_THREAD;
            offerers.execute(() -> {
                awaitQuietly(go);
                for (int i = first; i < first + PER_THREAD; i++) {
                    // The lane reads nothing of a delivery but its identity, so it runs without an endpoint.
                    Delivery d = new Delivery(Integer.toString(i), event, null, 0L);
                    if (lane.offer(d)) {
                        start(d);
                    }
                    drain();
                }
            });
        }
        go.countDown();

        assertThat(ended.await(60, TimeUnit.SECONDS)).as("every delivery ended within the deadline").isTrue();
        assertThat(mostRunning.get()).as("most attempts in flight at once").isLessThanOrEqualTo(BOUND);
        List<Integer> notOnce = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            if (starts.get(i) != 1) {
                notOnce.add(i);
            }
        }
        assertThat(notOnce).as("deliveries not started exactly once").isEmpty();
        // A drain that looked just before the last release may hold a permit for a moment, finding nothing.
        await().atMost(Duration.ofSeconds(10)).until(() -> lane.inFlight() == 0);
        assertThat(lane.takeQueued()).isEmpty();
    }

    @Test
    void aPermitReleasedUnderABacklogStartsTheNextDelivery() {
        EndpointLane one = new EndpointLane(1);
        Delivery a = new Delivery("a", event, null, 0L);
        Delivery b = new Delivery("b", event, null, 0L);

        assertThat(one.offer(a)).isTrue();
        assertThat(one.offer(b)).isFalse();
        assertThat(one.next()).isNull();
        one.release();

        assertThat(one.next()).isSameAs(b);
        assertThat(one.next()).isNull();
        assertThat(one.inFlight()).isEqualTo(1);
    }

    @Test
    void closingReturnsWhatIsStillQueued() {
        EndpointLane one = new EndpointLane(1);
        Delivery a = new Delivery("a", event, null, 0L);
        Delivery b = new Delivery("b", event, null, 0L);
        one.offer(a);
        one.offer(b);

        assertThat(one.takeQueued()).containsExactly(b);
        one.release();
        assertThat(one.next()).isNull();
    }

    /** The recorder: counts the attempt in, checks the bound, and lets it end on an answer thread. */
    private void start(Delivery d) {
        int now = running.incrementAndGet();
        mostRunning.accumulateAndGet(now, Math::max);
        starts.incrementAndGet(Integer.parseInt(d.id()));
        answers.execute(() -> {
            // Counted out before the permit goes back, so that the recorder never reads less than the lane holds.
            running.decrementAndGet();
            lane.release();
            ended.countDown();
            drain();
        });
    }

    private void drain() {
        for (Delivery d = lane.next(); d != null; d = lane.next()) {
            start(d);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
