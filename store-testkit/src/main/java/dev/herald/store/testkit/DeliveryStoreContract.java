package dev.herald.store.testkit;

import static dev.herald.store.testkit.StoreFixtures.T0;
import static dev.herald.store.testkit.StoreFixtures.assertDelivery;
import static dev.herald.store.testkit.StoreFixtures.assertSameEvent;
import static dev.herald.store.testkit.StoreFixtures.attempt;
import static dev.herald.store.testkit.StoreFixtures.pending;
import static dev.herald.store.testkit.StoreFixtures.pendingMany;
import static dev.herald.store.testkit.StoreFixtures.richEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.StoredDelivery;
import dev.herald.core.store.StoredState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeliveryStore} does, as the dispatcher ({@link dev.herald.core.store.DeliveryOutbox}) and the
 * operators ({@link dev.herald.core.store.DeliveryAdmin}) rely on it, checked through the port alone. A store
 * kind's test extends it and says how to open its store at this test's place ({@link #open}); each test starts
 * from an empty place. See the package documentation for how to run it.
 *
 * <p>Times: every test runs at {@link StoreFixtures#T0} and after, to the millisecond, and passes {@code now} to
 * the store itself; the only time a store reads from a clock is when a delivery ends (which {@code purge}
 * compares), and it must read it from the clock {@link #open} hands it, which the tests move.
 */
public abstract class DeliveryStoreContract {
    protected static final String A = "node-a";
    protected static final String B = "node-b";
    /** How long a test waits for a stage. */
    protected static final Duration WAIT = Duration.ofSeconds(10);
    /** The deadline of the admin writes. */
    protected static final Duration DEADLINE = Duration.ofSeconds(10);

    /** The clock the stores stamp end times from; tests set it. */
    protected final TestClock clock = new TestClock(T0);
    private final List<DeliveryStore> opened = new ArrayList<>();
    private DeliveryStore store;

    /**
     * Opens the store under test at this test's place, stamping end times from {@code clock}: empty the first
     * time in a test; opened again, it holds what the stores opened before it at that place hold, as another node
     * on the same outbox (while they are open) or the same node after a restart (once they are closed). A store
     * that keeps nothing across a close returns the same store for as long as it is open, and says so with
     * {@link #survivesRestart()}. The contract closes every store it opened after each test.
     */
    protected abstract DeliveryStore open(Clock clock);

    /**
     * Whether what was committed is still there after the store is closed and opened again; true unless
     * overridden. The tests of a restart are skipped for a store that says false.
     */
    protected boolean survivesRestart() {
        return true;
    }

    /** Another store at this test's place: another node on the same outbox. */
    protected DeliveryStore openAnother() {
        DeliveryStore other = open(clock);
        opened.add(other);
        return other;
    }

    /** The store of this test, opened on first use. */
    protected DeliveryStore store() {
        if (store == null) {
            store = open(clock);
            opened.add(store);
        }
        return store;
    }

    /** Closes the store and opens it again at the same place: a restart. */
    protected DeliveryStore reopen() {
        store().close();
        store = null;
        return store();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(DeliveryStore::close);
    }

    protected static <T> T done(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    protected static void assertFails(CompletionStage<?> stage, Class<? extends Throwable> cause, String message) {
        assertThat(stage).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(cause).withMessageContaining(message);
    }

    protected void append(String node, Instant leaseUntil, StoredDelivery... deliveries) {
        done(store().append(List.of(deliveries), node, leaseUntil));
    }

    protected void holdEndpoints(String node, String... endpoints) {
        assertThat(store().leaseEndpoints(node, List.of(endpoints), T0, T0.plus(Duration.ofDays(1))))
                .containsExactlyInAnyOrder(endpoints);
    }

    protected static List<String> ids(List<StoredDelivery> deliveries) {
        return deliveries.stream().map(StoredDelivery::deliveryId).toList();
    }

    protected DeliveryRecord only(String deliveryId) {
        List<DeliveryRecord> all = store().list(new DeliveryQuery(null, null, 10_000));
        return all.stream().filter(r -> r.delivery().deliveryId().equals(deliveryId)).findFirst().orElseThrow();
    }

    // --- append and leaseDue ---

    @Test
    void leasesDueDeliveriesOldestDueFirstAndLeavesThoseNotYetDue() {
        holdEndpoints(A, "ops");
        StoredDelivery later = pending("d-later", "ops", T0.plusSeconds(2), T0);
        StoredDelivery sooner = pending("d-sooner", "ops", T0.plusSeconds(1), T0.plusMillis(5));
        StoredDelivery future = pending("d-future", "ops", T0.plusSeconds(60), T0);
        append(null, null, later, future);
        append(null, null, sooner);

        List<StoredDelivery> due = store().leaseDue(A, T0.plusSeconds(3), T0.plusSeconds(3600), 10);

        assertThat(ids(due)).containsExactly("d-sooner", "d-later");
        assertDelivery(due.get(0), sooner, StoredState.PENDING, 0);
        assertThat(due.get(0).nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store().leaseDue(A, T0.plusSeconds(59), T0.plusSeconds(89), 10)).isEmpty();
        assertThat(ids(store().leaseDue(A, T0.plusSeconds(60), T0.plusSeconds(90), 10))).containsExactly("d-future");
    }

    @Test
    void leasesAtMostMaxAndDeliveriesDueTogetherInTheOrderAppended() {
        holdEndpoints(A, "ops");
        done(store().append(pendingMany("d", "ops", 5, T0), null, null));

        List<StoredDelivery> first = store().leaseDue(A, T0, T0.plusSeconds(30), 3);
        List<StoredDelivery> rest = store().leaseDue(A, T0, T0.plusSeconds(30), 3);

        assertThat(ids(first)).containsExactly("d-0", "d-1", "d-2");
        assertThat(ids(rest)).containsExactly("d-3", "d-4");
        assertThat(store().leaseDue(A, T0, T0.plusSeconds(30), 3)).isEmpty();
    }

    @Test
    void keepsTheWholeEventWithEveryField() {
        holdEndpoints(A, "audit");
        StoredDelivery d = StoredDelivery.accepted("d-rich", richEvent("evt_rich"), "audit", T0);
        append(null, null, d);

        StoredDelivery leased = store().leaseDue(A, T0, T0.plusSeconds(30), 1).get(0);

        assertSameEvent(leased.event(), d.event());
        assertSameEvent(only("d-rich").delivery().event(), d.event());
    }

    @Test
    void anAppendLeasedToItsNodeIsNotLeasedAgainUntilThatLeaseExpires() {
        holdEndpoints(A, "ops");
        append(A, T0.plusSeconds(30), pending("d-1", "ops", T0));

        assertThat(store().leaseDue(A, T0.plusSeconds(29), T0.plusSeconds(60), 10)).isEmpty();
        assertThat(ids(store().leaseDue(A, T0.plusSeconds(30), T0.plusSeconds(60), 10))).containsExactly("d-1");
        assertThat(store().leaseDue(A, T0.plusSeconds(59), T0.plusSeconds(90), 10)).isEmpty();
    }

    @Test
    void anAppendWithAnIdStoredAlreadyFailsWholeAndOthersInTheSameGroupStillCommit() {
        append(null, null, pending("d-1", "ops", T0));
        List<CompletionStage<Void>> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            others.add(store().append(List.of(pending("ok-" + i, "ops", T0)), null, null));
        }
        CompletionStage<Void> clash = store().append(
                List.of(pending("d-new", "ops", T0), pending("d-1", "ops", T0)), null, null);

        assertFails(clash, IllegalArgumentException.class, "stored already");
        others.forEach(DeliveryStoreContract::done);
        List<String> stored = store().list(new DeliveryQuery(null, null, 100)).stream()
                .map(r -> r.delivery().deliveryId()).toList();
        assertThat(stored).hasSize(21).contains("d-1", "ok-0", "ok-19").doesNotContain("d-new");
    }

    @Test
    void anAppendNamingOneIdTwiceIsRefused() {
        assertFails(store().append(List.of(pending("d-1", "ops", T0), pending("d-1", "ops", T0)), null, null),
                IllegalArgumentException.class, "d-1");
        assertThat(store().list(new DeliveryQuery(null, null, 10))).isEmpty();
    }

    // --- endpoint leases ---

    @Test
    void anEndpointIsHeldByOneNodeUntilItsLeaseExpires() {
        List<String> endpoints = List.of("ops", "audit");

        assertThat(store().leaseEndpoints(A, endpoints, T0, T0.plusSeconds(10))).containsExactly("ops", "audit");
        assertThat(store().leaseEndpoints(B, endpoints, T0.plusSeconds(5), T0.plusSeconds(15))).isEmpty();
        assertThat(store().leaseEndpoints(A, List.of("ops"), T0.plusSeconds(5), T0.plusSeconds(20)))
                .containsExactly("ops");
        assertThat(store().leaseEndpoints(B, endpoints, T0.plusSeconds(10), T0.plusSeconds(25)))
                .containsExactly("audit");
        assertThat(store().leaseEndpoints(A, endpoints, T0.plusSeconds(12), T0.plusSeconds(30)))
                .containsExactly("ops");
    }

    @Test
    void aLeaseEndingAtOrBeforeNowGivesTheEndpointUp() {
        assertThat(store().leaseEndpoints(A, List.of("ops"), T0, T0.plusSeconds(60))).containsExactly("ops");

        assertThat(store().leaseEndpoints(A, List.of("ops"), T0.plusSeconds(1), T0.plusSeconds(1))).isEmpty();

        assertThat(store().leaseEndpoints(B, List.of("ops"), T0.plusSeconds(2), T0.plusSeconds(60)))
                .containsExactly("ops");
    }

    @Test
    void onlyDeliveriesOfEndpointsTheNodeHoldsAreLeasedToIt() {
        holdEndpoints(A, "ops");
        holdEndpoints(B, "audit");
        append(null, null, pending("d-ops", "ops", T0), pending("d-audit", "audit", T0),
                pending("d-nobody", "billing", T0));

        assertThat(ids(store().leaseDue(A, T0, T0.plusSeconds(30), 10))).containsExactly("d-ops");
        assertThat(ids(store().leaseDue(B, T0, T0.plusSeconds(30), 10))).containsExactly("d-audit");
    }

    @Test
    void aNodeTakingOverAnEndpointWaitsForTheDeliveryLeasesOfTheNodeBefore() {
        assertThat(store().leaseEndpoints(A, List.of("ops"), T0, T0.plusSeconds(10))).containsExactly("ops");
        append(null, null, pending("d-1", "ops", T0));
        assertThat(ids(store().leaseDue(A, T0, T0.plusSeconds(60), 10))).containsExactly("d-1");

        assertThat(store().leaseEndpoints(B, List.of("ops"), T0.plusSeconds(10), T0.plusSeconds(70)))
                .containsExactly("ops");

        assertThat(store().leaseDue(B, T0.plusSeconds(30), T0.plusSeconds(90), 10)).isEmpty();
        assertThat(store().leaseDue(A, T0.plusSeconds(60), T0.plusSeconds(90), 10)).isEmpty();
        assertThat(ids(store().leaseDue(B, T0.plusSeconds(60), T0.plusSeconds(90), 10))).containsExactly("d-1");
    }

    // --- renew and release ---

    @Test
    void renewExtendsOnlyTheLeasesTheNodeStillOwns() {
        holdEndpoints(A, "ops");
        append(A, T0.plusSeconds(30), pending("d-1", "ops", T0));

        done(store().renew(B, List.of("d-1"), T0.plusSeconds(500)));
        done(store().renew(A, List.of("d-1", "d-unknown"), T0.plusSeconds(90)));

        assertThat(store().leaseDue(A, T0.plusSeconds(89), T0.plusSeconds(120), 10)).isEmpty();
        assertThat(ids(store().leaseDue(A, T0.plusSeconds(90), T0.plusSeconds(120), 10))).containsExactly("d-1");
    }

    @Test
    void releaseGivesUpTheNodesLeaseAndKeepsTheDueTime() {
        holdEndpoints(A, "ops");
        append(A, T0.plusSeconds(30), pending("d-1", "ops", T0.plusSeconds(5), T0));

        done(store().release(B, List.of("d-1")));
        assertThat(store().leaseDue(A, T0.plusSeconds(10), T0.plusSeconds(40), 10)).isEmpty();

        done(store().release(A, List.of("d-1")));
        assertThat(store().leaseDue(A, T0.plusSeconds(4), T0.plusSeconds(40), 10)).isEmpty();
        List<StoredDelivery> due = store().leaseDue(A, T0.plusSeconds(5), T0.plusSeconds(40), 10);
        assertThat(ids(due)).containsExactly("d-1");
        assertThat(due.get(0).nextAttemptAt()).isEqualTo(T0.plusSeconds(5));
    }

    // --- attempts and outcomes ---

    @Test
    void aRetryableAttemptReleasesTheLeaseAndMakesTheDeliveryDueLater() {
        holdEndpoints(A, "ops");
        StoredDelivery d = pending("d-1", "ops", T0);
        append(A, T0.plusSeconds(30), d);

        AttemptRecord first = attempt(d, 1, 503, T0.plusMillis(10), T0.plusSeconds(8));
        done(store().recordAttempt(first, StoredState.PENDING));

        assertThat(store().leaseDue(A, T0.plusSeconds(7), T0.plusSeconds(60), 10)).isEmpty();
        List<StoredDelivery> due = store().leaseDue(A, T0.plusSeconds(8), T0.plusSeconds(60), 10);
        assertThat(ids(due)).containsExactly("d-1");
        assertThat(due.get(0).attempts()).isEqualTo(1);
        assertThat(due.get(0).nextAttemptAt()).isEqualTo(T0.plusSeconds(8));
        DeliveryRecord record = only("d-1");
        assertThat(record.attemptRecords()).containsExactly(first);
        assertThat(record.lastError()).isEqualTo("HTTP 503");
    }

    @Test
    void aSuccessfulAttemptDeliversAndAFinalAnswerKillsEachKeepingEveryAttempt() {
        holdEndpoints(A, "ops");
        StoredDelivery ok = pending("d-ok", "ops", T0);
        StoredDelivery bad = pending("d-bad", "ops", T0);
        append(A, T0.plusSeconds(30), ok, bad);
        AttemptRecord retry = attempt(ok, 1, 500, T0, T0.plusSeconds(1));
        AttemptRecord success = attempt(ok, 2, 200, T0.plusSeconds(1), null);
        AttemptRecord refused = attempt(bad, 1, 400, T0, null);

        done(store().recordAttempt(retry, StoredState.PENDING));
        done(store().recordAttempt(success, StoredState.DELIVERED));
        done(store().recordAttempt(refused, StoredState.DEAD));

        DeliveryRecord delivered = only("d-ok");
        assertDelivery(delivered.delivery(), ok, StoredState.DELIVERED, 2);
        assertThat(delivered.delivery().nextAttemptAt()).isNull();
        assertThat(delivered.attemptRecords()).containsExactly(retry, success);
        assertThat(delivered.lastError()).isNull();
        DeliveryRecord dead = only("d-bad");
        assertDelivery(dead.delivery(), bad, StoredState.DEAD, 1);
        assertThat(dead.attemptRecords()).containsExactly(refused);
        assertThat(dead.lastError()).isEqualTo("HTTP 400");
        assertThat(store().leaseDue(A, T0.plusSeconds(3600), T0.plusSeconds(3630), 10)).isEmpty();
    }

    @Test
    void aLateAnswerForAnEndedDeliveryIsKeptButDoesNotMoveIt() {
        holdEndpoints(A, "ops");
        StoredDelivery d = pending("d-1", "ops", T0);
        append(A, T0.plusSeconds(30), d);
        AttemptRecord success = attempt(d, 1, 200, T0, null);
        AttemptRecord late = attempt(d, 1, 503, T0, T0.plusSeconds(5));

        done(store().recordAttempt(success, StoredState.DELIVERED));
        done(store().recordAttempt(late, StoredState.PENDING));

        DeliveryRecord record = only("d-1");
        assertThat(record.delivery().state()).isEqualTo(StoredState.DELIVERED);
        assertThat(record.attemptRecords()).containsExactly(success, late);
        assertThat(store().leaseDue(A, T0.plusSeconds(10), T0.plusSeconds(40), 10)).isEmpty();
    }

    @Test
    void anAttemptOfAnUnknownDeliveryFailsItsOwnStageOnly() {
        StoredDelivery d = pending("d-1", "ops", T0);
        append(null, null, d);
        AttemptRecord stray = attempt(pending("d-unknown", "ops", T0), 1, 200, T0, null);

        CompletionStage<Void> strayStage = store().recordAttempt(stray, StoredState.DELIVERED);
        CompletionStage<Void> good = store().recordAttempt(attempt(d, 1, 200, T0, null), StoredState.DELIVERED);

        assertFails(strayStage, IllegalArgumentException.class, "d-unknown");
        done(good);
        assertThat(only("d-1").delivery().state()).isEqualTo(StoredState.DELIVERED);
    }

    @Test
    void recordFinalEndsAPendingDeliveryWithItsReasonAndLeavesAnEndedOneAlone() {
        holdEndpoints(A, "ops");
        append(A, T0.plusSeconds(30), pending("d-1", "ops", T0), pending("d-2", "ops", T0));

        done(store().recordFinal("d-1", StoredState.DEAD, "failed to prepare: template broke"));
        done(store().recordAttempt(attempt(only("d-2").delivery(), 1, 200, T0, null), StoredState.DELIVERED));
        done(store().recordFinal("d-2", StoredState.DEAD, "endpoint gone"));

        DeliveryRecord dead = only("d-1");
        assertThat(dead.delivery().state()).isEqualTo(StoredState.DEAD);
        assertThat(dead.lastError()).isEqualTo("failed to prepare: template broke");
        assertThat(dead.attemptRecords()).isEmpty();
        assertThat(only("d-2").delivery().state()).isEqualTo(StoredState.DELIVERED);
        assertThat(store().leaseDue(A, T0.plusSeconds(60), T0.plusSeconds(90), 10)).isEmpty();
        assertFails(store().recordFinal("d-unknown", StoredState.DEAD, "x"), IllegalArgumentException.class,
                "d-unknown");
        assertFails(store().recordFinal("d-1", StoredState.PENDING, "x"), IllegalArgumentException.class,
                "PENDING");
    }

    // --- list, replay, purge ---

    @Test
    void listFiltersByStateAndEndpointNewestFirstUpToTheLimit() {
        append(null, null, pending("ops-1", "ops", T0), pending("audit-1", "audit", T0.plusSeconds(1)),
                pending("ops-2", "ops", T0.plusSeconds(2)), pending("ops-3", "ops", T0.plusSeconds(3)));
        done(store().recordFinal("ops-2", StoredState.DEAD, "gone"));

        assertThat(listed(null, null, 10)).containsExactly("ops-3", "ops-2", "audit-1", "ops-1");
        assertThat(listed(null, null, 2)).containsExactly("ops-3", "ops-2");
        assertThat(listed(null, "ops", 10)).containsExactly("ops-3", "ops-2", "ops-1");
        assertThat(listed(StoredState.PENDING, null, 10)).containsExactly("ops-3", "audit-1", "ops-1");
        assertThat(listed(StoredState.PENDING, "ops", 1)).containsExactly("ops-3");
        assertThat(listed(StoredState.DEAD, "audit", 10)).isEmpty();
        assertThat(listed(StoredState.DELIVERED, null, 10)).isEmpty();
    }

    @Test
    void countCountsEachStateAsListWouldListIt() {
        append(null, null, pending("ops-1", "ops", T0), pending("ops-2", "ops", T0.plusSeconds(1)),
                pending("ops-3", "ops", T0.plusSeconds(2)), pending("ops-4", "ops", T0.plusSeconds(3)));
        done(store().recordFinal("ops-2", StoredState.DEAD, "gone"));
        done(store().recordFinal("ops-3", StoredState.DELIVERED, "delivered"));

        assertThat(store().count(StoredState.PENDING)).isEqualTo(2).isEqualTo(listed(StoredState.PENDING, null,
                10).size());
        assertThat(store().count(StoredState.DEAD)).isEqualTo(1);
        assertThat(store().count(StoredState.DELIVERED)).isEqualTo(1);
        assertThat(store().count(null)).isEqualTo(4);
    }

    protected List<String> listed(StoredState state, String endpoint, int limit) {
        return store().list(new DeliveryQuery(state, endpoint, limit)).stream()
                .map(r -> r.delivery().deliveryId()).toList();
    }

    @Test
    void replayMakesDeadDeliveriesPendingAgainWithTheirIdsAndAttempts() {
        holdEndpoints(A, "ops", "audit");
        StoredDelivery old = pending("d-old", "ops", T0);
        StoredDelivery ops = pending("d-ops", "ops", T0.plusSeconds(10));
        StoredDelivery audit = pending("d-audit", "audit", T0.plusSeconds(10));
        StoredDelivery fine = pending("d-fine", "ops", T0.plusSeconds(10));
        append(A, T0.plusSeconds(30), old, ops, audit, fine);
        for (StoredDelivery d : List.of(old, ops, audit)) {
            done(store().recordAttempt(attempt(d, 1, 400, T0.plusSeconds(10), null), StoredState.DEAD));
        }
        done(store().recordAttempt(attempt(fine, 1, 200, T0.plusSeconds(10), null), StoredState.DELIVERED));
        Instant now = T0.plusSeconds(100);

        assertThat(store().replay(T0.plusSeconds(5), "ops", now, DEADLINE)).isEqualTo(1);
        assertThat(store().replay(T0.plusSeconds(5), null, now, DEADLINE)).isEqualTo(1);
        assertThat(store().replay(T0.plusSeconds(5), null, now, DEADLINE)).isZero();

        List<StoredDelivery> due = store().leaseDue(A, now, now.plusSeconds(30), 10);
        assertThat(ids(due)).containsExactlyInAnyOrder("d-ops", "d-audit");
        assertThat(due).allSatisfy(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.nextAttemptAt()).isEqualTo(now);
        });
        assertThat(only("d-ops").attemptRecords()).hasSize(1);
        assertThat(only("d-old").delivery().state()).isEqualTo(StoredState.DEAD);
        assertThat(only("d-fine").delivery().state()).isEqualTo(StoredState.DELIVERED);
    }

    @Test
    void purgeDeletesDeliveriesThatEndedBeforeTheGivenTimeWithTheirAttempts() {
        StoredDelivery early = pending("d-early", "ops", T0);
        StoredDelivery late = pending("d-late", "ops", T0);
        append(null, null, early, late, pending("d-pending", "ops", T0));
        clock.set(T0.plusSeconds(100));
        done(store().recordAttempt(attempt(early, 1, 200, T0, null), StoredState.DELIVERED));
        clock.set(T0.plusSeconds(200));
        done(store().recordFinal("d-late", StoredState.DEAD, "gone"));

        assertThat(store().purge(T0.plusSeconds(100), DEADLINE)).isZero();
        assertThat(store().purge(T0.plusSeconds(150), DEADLINE)).isEqualTo(1);

        assertThat(listed(null, null, 10)).containsExactlyInAnyOrder("d-late", "d-pending");
        assertThat(store().purge(T0.plusSeconds(10_000), DEADLINE)).isEqualTo(1);
        assertThat(listed(null, null, 10)).containsExactly("d-pending");
        // The id is free again: its attempts went with it.
        StoredDelivery again = pending("d-early", "ops", T0);
        append(null, null, again);
        assertThat(only("d-early").attemptRecords()).isEmpty();
    }

    // --- durability ---

    @Test
    void everythingCommittedIsThereAfterTheStoreIsClosedAndOpenedAgain() {
        assumeTrue(survivesRestart(), "this store keeps nothing across a restart");
        holdEndpoints(A, "ops");
        StoredDelivery rich = StoredDelivery.accepted("d-rich", richEvent("evt_rich"), "ops", T0);
        StoredDelivery retried = pending("d-retried", "ops", T0);
        append(A, T0.plusSeconds(30), rich, retried);
        AttemptRecord a = attempt(retried, 1, 503, T0, T0.plusSeconds(5));
        done(store().recordAttempt(a, StoredState.PENDING));
        // Queued writes left unawaited must be committed by close().
        List<CompletableFuture<Void>> unawaited = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            unawaited.add(store().append(List.of(pending("q-" + i, "ops", T0.plusSeconds(1))), null, null)
                    .toCompletableFuture());
        }

        reopen();

        assertThat(unawaited).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(store().list(new DeliveryQuery(null, null, 1000))).hasSize(202);
        DeliveryRecord r = only("d-retried");
        assertThat(r.attemptRecords()).containsExactly(a);
        assertThat(r.delivery().attempts()).isEqualTo(1);
        assertSameEvent(only("d-rich").delivery().event(), rich.event());
        // The endpoint lease and the delivery lease survived too.
        assertThat(store().leaseEndpoints(B, List.of("ops"), T0.plusSeconds(1), T0.plusSeconds(60))).isEmpty();
        assertThat(ids(store().leaseDue(A, T0.plusSeconds(5), T0.plusSeconds(60), 1000)))
                .hasSize(201).contains("d-retried", "q-0", "q-199").doesNotContain("d-rich");
    }

    @Test
    void aClosedStoreRefusesWrites() {
        DeliveryStore s = store();
        s.close();

        assertFails(s.append(List.of(pending("d-1", "ops", T0)), null, null), IllegalStateException.class,
                "closed");
    }

    // --- two nodes racing ---

    @Test
    void twoNodesRacingOnManyThreadsNeverShareAnEndpointOrALiveDeliveryLease() throws Exception {
        LeaseRace race = new LeaseRace(Map.of(A, openAnother(), B, openAnother()), 8, 12);

        race.run();

        race.assertNoEndpointHeldByTwoNodesAtOnce();
        race.assertNoDeliveryLeasedTwiceWhileLeased();
        race.assertEveryDeliveryWasLeasedByTheNodeHoldingItsEndpoint();
        race.assertOwnershipMovedBetweenNodes();
    }
}
