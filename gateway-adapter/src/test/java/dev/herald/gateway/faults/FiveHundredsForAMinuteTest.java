package dev.herald.gateway.faults;

import org.junit.jupiter.api.Tag;
import static dev.herald.gateway.faults.SideBySide.FAULTY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.dispatch.DispatcherStats;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.gateway.faults.MisbehavingServer.Arrival;
import dev.herald.gateway.faults.MisbehavingServer.Behaviour;
import dev.herald.transport.http.CircuitState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that answers 503 for a whole minute, then recovers, while events keep coming at ten a second to it
 * and to a healthy endpoint beside it. The one long test of the build: the outage is real time, not a fake clock,
 * so that the circuit's timers, the retries' timers and the sockets all run as they do in production.
 */
@Tag("slow")
class FiveHundredsForAMinuteTest {
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration EVENT_EVERY = Duration.ofMillis(100);
    private static final int EVENTS = 620;
    private static final SideBySide.Setup SETUP = new SideBySide.Setup(
            RetryPolicy.builder().retryAttempts(3).baseDelay(Duration.ofMillis(200)).maxDelay(Duration.ofSeconds(1))
                    .build(),
            Duration.ofSeconds(2), 5, Duration.ofMillis(500), 2, 4);

    @Test
    void everyDeliveryEndsAsItsPolicySaysAndTheHealthyEndpointGetsEverythingThroughout() {
        long recoverAt = System.nanoTime() + OUTAGE.toNanos();
        ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
        try (MisbehavingServer server = MisbehavingServer.start(Behaviour.status(503));
                SideBySide s = new SideBySide(server.url("/hook"), SETUP)) {
            s.warmUp();
            server.behave(e -> e.respond(System.nanoTime() < recoverAt ? 503 : 200, Map.of()));
            List<String> ids = new CopyOnWriteArrayList<>();
            AtomicInteger sent = new AtomicInteger();
            // The events arrive over the whole outage and a little after it, as a gateway's would.
            pace.scheduleAtFixedRate(() -> {
                if (sent.incrementAndGet() <= EVENTS) {
                    ids.addAll(s.dispatch(1));
                }
            }, 0, EVENT_EVERY.toMillis(), TimeUnit.MILLISECONDS);

            await().atMost(OUTAGE.plusSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> ids.size() == 2 * EVENTS && s.outcomes.allEnded(ids));
            pace.shutdownNow();

            // Nothing lost: every accepted delivery ended, as its policy says, and was counted once.
            DispatcherStats stats = s.herald.dispatcher().stats();
            assertThat(stats.outstanding()).isZero();
            assertThat(stats.deliveriesDelivered() + stats.deliveriesFailed()).isEqualTo(2L * EVENTS + 1);
            FaultChecks.RetryTally tally = FaultChecks.retriedPerPolicy(s, ids, null);
            assertThat(tally.delivered() + tally.exhausted()).isEqualTo(EVENTS);
            assertThat(stats.deliveriesFailed()).isEqualTo(tally.exhausted());
            FaultChecks.serverSawEveryAttempt(s, server, ids);
            List<Arrival> arrivals = server.arrivals();
            assertThat(arrivals.stream().filter(a -> a.status() == 200).count()).isEqualTo(tally.delivered());
            assertThat(arrivals.stream().filter(a -> a.status() == 503).count())
                    .isEqualTo(tally.attempts() - tally.delivered());
            assertThat(server.maxUnanswered()).isBetween(1, SETUP.maxInFlightPerEndpoint());

            // The circuit opened once, reopened on every failed probe of the minute, and closed after it.
            long reopened = s.circuits.count(FAULTY, CircuitState.HALF_OPEN, CircuitState.OPEN);
            assertThat(s.circuits.count(FAULTY, CircuitState.CLOSED, CircuitState.OPEN)).isEqualTo(1);
            // A probe cycle lasts the wait plus at most the timeout; half as many cycles leaves room for slow timers.
            assertThat(reopened).isGreaterThanOrEqualTo(OUTAGE.dividedBy(SETUP.openWait().plus(SETUP.timeout())) / 2);
            FaultChecks.circuitClosedAfterRecovery(s);
            assertThat(s.circuits.count(FAULTY, CircuitState.HALF_OPEN, CircuitState.CLOSED)).isEqualTo(1);

            // The healthy endpoint got every event, each within a quarter of the faulty one's timeout.
            Duration slowestHealthy = FaultChecks.healthyGotEverything(s, ids);
            FaultChecks.bulkheadHeld(s);

            System.out.printf("fault scenario [503 for %d s]: events=%d; faulty deliveries=%d delivered=%d"
                    + " exhausted=%d attempts=%d (503 answers=%d); circuit opened=%d reopened=%d closed=%d"
                    + " transitions=%d; faulty peak in flight=%d (max %d) queued=%d; healthy delivered=%d,"
                    + " slowest attempt=%d ms (bound %d ms)%n", OUTAGE.toSeconds(), EVENTS, EVENTS,
                    tally.delivered(), tally.exhausted(), tally.attempts(), tally.attempts() - tally.delivered(),
                    s.circuits.count(FAULTY, CircuitState.CLOSED, CircuitState.OPEN), reopened,
                    s.circuits.count(FAULTY, CircuitState.HALF_OPEN, CircuitState.CLOSED),
                    s.circuits.of(FAULTY).size(), s.peaks.maxInFlight(), SETUP.maxInFlightPerEndpoint(),
                    s.peaks.maxQueued(), EVENTS, slowestHealthy.toMillis(), SETUP.timeout().dividedBy(4).toMillis());
        } finally {
            pace.shutdownNow();
        }
    }
}
