package dev.herald.gateway.faults;

import org.junit.jupiter.api.Tag;
import static dev.herald.gateway.faults.SideBySide.FAULTY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.gateway.faults.MisbehavingServer.Arrival;
import dev.herald.gateway.faults.MisbehavingServer.Behaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One faulty endpoint beside a healthy one, through the whole pipeline and real sockets, for each way an endpoint
 * fails: it refuses connections, accepts and never answers, answers byte by byte slower than its timeout, resets
 * the connection mid-response, or answers 429 with {@code Retry-After}. Each time: the faulty endpoint's
 * deliveries are retried exactly as its policy says and then given up; its circuit opens, reopens on failed probes,
 * and closes once the endpoint recovers, after which its deliveries go through; it never has more requests in
 * flight than its bound; and the healthy endpoint gets every event at once throughout.
 *
 * <p>The 5xx outage that lasts a minute has its own class, {@link FiveHundredsForAMinuteTest}.
 */
@Tag("slow")
class FaultyEndpointScenariosTest {
    private static final int EVENTS = 8;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final SideBySide.Setup SETUP = new SideBySide.Setup(
            RetryPolicy.builder().retryAttempts(1).baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(200))
                    .build(),
            Duration.ofSeconds(1), 4, Duration.ofMillis(300), 4, 4);

    @Test
    void anEndpointThatRefusesConnections() {
        try (MisbehavingServer server = MisbehavingServer.refusingUntilListening(Behaviour.status(200))) {
            Phases p = run("refuses connections", server, s -> server.listen(), null);
            assertThat(p.lastErrors()).allSatisfy(e -> assertThat(e).startsWith("connect"));
            assertThat(server.arrivals()).hasSize(EVENTS);
        }
    }

    @Test
    void anEndpointThatAcceptsAndNeverAnswers() {
        try (MisbehavingServer server = MisbehavingServer.start(Behaviour.neverAnswer())) {
            Phases p = run("never answers", server, s -> server.behave(Behaviour.status(200)), null);
            assertThat(p.lastErrors()).allSatisfy(e -> assertThat(e).startsWith("timeout"));
            assertThat(p.peakInFlight()).as("the bound was reached").isEqualTo(SETUP.maxInFlightPerEndpoint());
        }
    }

    @Test
    void anEndpointThatAnswersByteByByteSlowerThanItsTimeout() {
        // 400 bytes at one every 10 ms: a valid answer, four times slower than the endpoint's timeout, with never
        // more than 10 ms of silence, so that only a bound on the whole exchange ends it.
        try (MisbehavingServer server = MisbehavingServer.start(
                Behaviour.dripByteByByte(Duration.ofMillis(10), 400))) {
            Phases p = run("answers byte by byte", server, s -> server.behave(Behaviour.status(200)), null);
            assertThat(p.lastErrors()).allSatisfy(e -> assertThat(e).startsWith("timeout"));
            assertThat(p.peakInFlight()).as("the bound was reached").isEqualTo(SETUP.maxInFlightPerEndpoint());
        }
    }

    @Test
    void anEndpointThatResetsTheConnectionMidResponse() {
        try (MisbehavingServer server = MisbehavingServer.start(Behaviour.resetMidResponse())) {
            Phases p = run("resets mid-response", server, s -> server.behave(Behaviour.status(200)), null);
            assertThat(p.lastErrors()).allSatisfy(e -> assertThat(e).startsWith("io"));
            assertThat(server.maxUnanswered()).isBetween(1, SETUP.maxInFlightPerEndpoint());
        }
    }

    @Test
    void anEndpointThatAnswers429WithRetryAfter() {
        try (MisbehavingServer server = MisbehavingServer.start(Behaviour.status(429,
                Map.of("Retry-After", String.valueOf(RETRY_AFTER.toSeconds()))))) {
            Phases p = run("429 with Retry-After", server, s -> server.behave(Behaviour.status(200)), RETRY_AFTER);
            assertThat(p.lastStatuses()).containsOnly(429);
            assertThat(server.maxUnanswered()).isBetween(1, SETUP.maxInFlightPerEndpoint());
            // Retry-After is a lower bound on the gap, as the endpoint saw it.
            Map<String, List<Arrival>> byDelivery = server.arrivals().stream()
                    .filter(a -> p.faultyIds().contains(a.deliveryId()))
                    .collect(Collectors.groupingBy(Arrival::deliveryId));
            assertThat(byDelivery).hasSize(EVENTS);
            byDelivery.values().forEach(arrivals -> {
                for (int i = 1; i < arrivals.size(); i++) {
                    assertThat(Duration.ofNanos(arrivals.get(i).arrivedNanos() - arrivals.get(i - 1).arrivedNanos()))
                            .isGreaterThanOrEqualTo(RETRY_AFTER);
                }
            });
        }
    }

    /** What the fault phase left, for each scenario's own checks. */
    record Phases(Set<String> faultyIds, List<String> lastErrors, List<Integer> lastStatuses, int peakInFlight) {}

    /**
     * Runs a scenario: {@value #EVENTS} events while the endpoint misbehaves, every delivery checked; then the
     * endpoint recovers, {@value #EVENTS} more, and its circuit must close and its deliveries go through.
     */
    private static Phases run(String name, MisbehavingServer server, Consumer<SideBySide> recover,
            Duration retryAfter) {
        try (SideBySide s = new SideBySide(server.url("/hook"), SETUP)) {
            s.warmUp();
            List<String> faultIds = s.dispatch(EVENTS);
            await().atMost(Duration.ofSeconds(30)).until(() -> s.outcomes.allEnded(faultIds));

            FaultChecks.RetryTally tally = FaultChecks.retriedPerPolicy(s, faultIds, retryAfter);
            assertThat(tally.exhausted()).isEqualTo(EVENTS);
            assertThat(tally.attempts()).isEqualTo(EVENTS * SETUP.retry().maxAttempts());
            FaultChecks.circuitOpenedAndReopened(s);
            List<DeliveryOutcome> failed = s.outcomesOf(FAULTY, faultIds);
            if (server.listening()) {
                FaultChecks.serverSawEveryAttempt(s, server, faultIds);
            }
            String circuitDuringFault = s.circuits.describe(FAULTY);
            int changesDuringFault = s.circuits.of(FAULTY).size();

            recover.accept(s);
            List<String> recoveryIds = s.dispatch(EVENTS);
            await().atMost(Duration.ofSeconds(30)).until(() -> s.outcomes.allEnded(recoveryIds));

            assertThat(s.outcomesOf(FAULTY, recoveryIds)).hasSize(EVENTS).allSatisfy(o -> {
                assertThat(o.status()).isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(o.attempts()).isEqualTo(1);
            });
            FaultChecks.circuitClosedAfterRecovery(s);
            FaultChecks.serverSawEveryAttempt(s, server, recoveryIds);
            List<String> all = new ArrayList<>(faultIds);
            all.addAll(recoveryIds);
            Duration slowestHealthy = FaultChecks.healthyGotEverything(s, all);
            FaultChecks.bulkheadHeld(s);

            System.out.printf("fault scenario [%s]: faulty attempts=%d exhausted=%d then delivered=%d;"
                    + " circuit during the fault: %s; after recovery: %s; faulty peak in flight=%d (max %d), queued=%d;"
                    + " healthy delivered=%d, slowest attempt=%d ms (bound %d ms)%n", name, tally.attempts(),
                    tally.exhausted(), EVENTS, circuitDuringFault, s.circuits.describe(FAULTY, changesDuringFault),
                    s.peaks.maxInFlight(), SETUP.maxInFlightPerEndpoint(), s.peaks.maxQueued(), all.size() / 2,
                    slowestHealthy.toMillis(), SETUP.timeout().dividedBy(4).toMillis());
            return new Phases(failed.stream().map(DeliveryOutcome::deliveryId).collect(Collectors.toSet()),
                    failed.stream().map(DeliveryOutcome::lastError).toList(),
                    failed.stream().map(DeliveryOutcome::lastStatusCode).toList(), s.peaks.maxInFlight());
        }
    }
}
