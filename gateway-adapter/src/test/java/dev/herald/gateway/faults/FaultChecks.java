package dev.herald.gateway.faults;

import static dev.herald.gateway.faults.SideBySide.FAULTY;
import static dev.herald.gateway.faults.SideBySide.HEALTHY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.store.AttemptRecord;
import dev.herald.transport.http.CircuitState;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** What every fault scenario checks of a {@link SideBySide}: retries, circuit, bulkhead and the healthy endpoint. */
final class FaultChecks {
    private FaultChecks() {}

    /** Attempts made and how the deliveries ended, for the scenario's report. */
    record RetryTally(int attempts, int delivered, int exhausted) {}

    /**
     * Each of the faulty endpoint's deliveries among {@code ids} ended DELIVERED or EXHAUSTED exactly as its policy
     * says: attempts numbered 1..n with n at most the policy's, every one but a delivered last one retryable, an
     * exhausted one with every attempt allowed, and each retry started no sooner than its backoff (or the
     * endpoint's {@code Retry-After}, when longer) after the attempt before.
     *
     * @param ids delivery ids of events sent to both endpoints, as {@link SideBySide#dispatch} returns them
     * @param retryAfter what the endpoint asks for in {@code Retry-After}, or null
     */
    static RetryTally retriedPerPolicy(SideBySide s, List<String> ids, Duration retryAfter) {
        RetryPolicy policy = s.setup.retry();
        Set<String> wanted = Set.copyOf(ids);
        Map<String, List<AttemptRecord>> byDelivery = s.outcomes.attemptsOf(FAULTY).stream()
                .filter(a -> wanted.contains(a.deliveryId()))
                .collect(Collectors.groupingBy(AttemptRecord::deliveryId));
        int attempts = 0;
        int delivered = 0;
        int exhausted = 0;
        for (DeliveryOutcome o : s.outcomesOf(FAULTY, ids)) {
            List<AttemptRecord> tries = byDelivery.getOrDefault(o.deliveryId(), List.of()).stream()
                    .sorted(Comparator.comparingInt(AttemptRecord::attempt)).toList();
            String what = o.deliveryId() + " " + o.status() + " " + tries;
            assertThat(tries).as(what).hasSize(o.attempts());
            assertThat(tries).extracting(AttemptRecord::attempt).as(what)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, tries.size()).boxed().toList());
            assertThat(tries.size()).as(what).isBetween(1, policy.maxAttempts());
            for (int i = 0; i < tries.size() - 1; i++) {
                assertThat(tries.get(i).outcome()).as(what).isEqualTo(OutcomeClass.RETRYABLE);
                Duration least = policy.delayBeforeRetry(i, retryAfter, null);
                assertThat(tries.get(i).nextAttemptAt()).as(what).isNotNull();
                // Due times are on the wall clock, the timer that keeps them on the monotonic one: 2 ms apart at most.
                assertThat(tries.get(i + 1).startedAt()).as(what)
                        .isAfterOrEqualTo(tries.get(i).nextAttemptAt().minusMillis(2));
                assertThat(Duration.between(tries.get(i).startedAt(), tries.get(i + 1).startedAt())).as(what)
                        .isGreaterThanOrEqualTo(least);
            }
            AttemptRecord last = tries.get(tries.size() - 1);
            assertThat(last.nextAttemptAt()).as(what).isNull();
            if (o.status() == DeliveryStatus.DELIVERED) {
                assertThat(last.outcome()).as(what).isEqualTo(OutcomeClass.SUCCESS);
                delivered++;
            } else {
                assertThat(o.status()).as(what).isEqualTo(DeliveryStatus.EXHAUSTED);
                assertThat(last.outcome()).as(what).isEqualTo(OutcomeClass.RETRYABLE);
                assertThat(tries).as(what).hasSize(policy.maxAttempts());
                exhausted++;
            }
            attempts += tries.size();
        }
        assertThat(delivered + exhausted).as("faulty deliveries ended").isEqualTo(ids.size() / 2);
        return new RetryTally(attempts, delivered, exhausted);
    }

    /**
     * The circuit opened on the configured failures (open by the time the dispatcher heard that many), stayed open
     * at least its wait before every probe, and reopened when a probe failed.
     */
    static void circuitOpenedAndReopened(SideBySide s) {
        List<CircuitLog.Transition> log = s.circuits.of(FAULTY);
        assertThat(s.circuitWhenThresholdWasHeard()).as("circuit when the threshold was heard")
                .isIn(CircuitState.OPEN, CircuitState.HALF_OPEN);
        assertThat(log).isNotEmpty();
        assertThat(log.get(0).from()).isEqualTo(CircuitState.CLOSED);
        assertThat(log.get(0).to()).isEqualTo(CircuitState.OPEN);
        assertThat(s.circuits.count(FAULTY, CircuitState.HALF_OPEN, CircuitState.OPEN))
                .as(s.circuits.describe(FAULTY)).isPositive();
        // The breaker times its wait on the wall clock, this log on the monotonic one: allow them 2 ms apart.
        Duration leastOpen = s.setup.openWait().minusMillis(2);
        for (int i = 1; i < log.size(); i++) {
            if (log.get(i).to() == CircuitState.HALF_OPEN) {
                assertThat(log.get(i - 1).to()).isEqualTo(CircuitState.OPEN);
                assertThat(Duration.ofNanos(log.get(i).nanos() - log.get(i - 1).nanos()))
                        .as(s.circuits.describe(FAULTY)).isGreaterThanOrEqualTo(leastOpen);
            }
        }
        assertThat(s.http.circuitState(FAULTY)).isNotEqualTo(CircuitState.CLOSED);
    }

    /** After recovery the circuit closed, its last change being a successful probe. */
    static void circuitClosedAfterRecovery(SideBySide s) {
        List<CircuitLog.Transition> log = s.circuits.of(FAULTY);
        assertThat(s.http.circuitState(FAULTY)).isEqualTo(CircuitState.CLOSED);
        assertThat(log.get(log.size() - 1).from()).as(s.circuits.describe(FAULTY)).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(log.get(log.size() - 1).to()).isEqualTo(CircuitState.CLOSED);
    }

    /** The faulty endpoint never had more requests in flight than its bound, nor queued more than the dispatcher's. */
    static void bulkheadHeld(SideBySide s) {
        assertThat(s.peaks.maxInFlight()).as("faulty requests in flight at once")
                .isBetween(1, s.setup.maxInFlightPerEndpoint());
        assertThat(s.peaks.maxQueued()).as("faulty requests queued in the transport at once")
                .isLessThanOrEqualTo(s.setup.maxInFlightPerEndpoint());
    }

    /**
     * The healthy endpoint got each of its deliveries among {@code ids} once, at the first attempt, each attempt and
     * each whole delivery (from the event to its outcome) well under the faulty endpoint's timeout.
     *
     * @return the slowest healthy attempt
     */
    static Duration healthyGotEverything(SideBySide s, List<String> ids) {
        Duration bound = s.setup.timeout().dividedBy(4);
        List<DeliveryOutcome> healthy = s.outcomesOf(HEALTHY, ids);
        assertThat(healthy).hasSize(ids.size() / 2);
        assertThat(healthy).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(o.attempts()).isEqualTo(1);
            assertThat(Duration.between(o.event().time(), o.finishedAt())).as("event to outcome of %s",
                    o.deliveryId()).isLessThan(bound);
        });
        Set<String> wanted = Set.copyOf(ids);
        List<AttemptRecord> attempts = s.outcomes.attemptsOf(HEALTHY).stream()
                .filter(a -> wanted.contains(a.deliveryId())).toList();
        assertThat(attempts).hasSize(healthy.size());
        Duration slowest = attempts.stream().map(AttemptRecord::latency).max(Comparator.naturalOrder())
                .orElseThrow();
        assertThat(slowest).as("slowest healthy attempt").isLessThan(bound);
        Map<String, Long> received = s.healthyReceiver.received("/healthy").stream()
                .collect(Collectors.groupingBy(r -> r.headers().get("webhook-id"), Collectors.counting()));
        for (DeliveryOutcome o : healthy) {
            assertThat(received.get(o.deliveryId())).as("requests received for %s", o.deliveryId()).isEqualTo(1L);
        }
        return slowest;
    }

    /** The misbehaving server saw exactly the attempts the dispatcher reports, by delivery id. */
    static void serverSawEveryAttempt(SideBySide s, MisbehavingServer server, List<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        Map<String, Long> arrived = server.arrivals().stream().filter(a -> wanted.contains(a.deliveryId()))
                .collect(Collectors.groupingBy(MisbehavingServer.Arrival::deliveryId, Collectors.counting()));
        Map<String, Long> attempted = s.outcomesOf(FAULTY, ids).stream()
                .collect(Collectors.toMap(DeliveryOutcome::deliveryId, o -> (long) o.attempts()));
        assertThat(arrived).isEqualTo(attempted);
    }
}
