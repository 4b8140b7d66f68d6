package dev.herald.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryDeliveryStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final ManualScheduler clock = new ManualScheduler(T0);
    private final InMemoryDeliveryStore store = new InMemoryDeliveryStore(clock::now);
    private final Event event = Event.builder(EventType.TOOL_ERROR).build();

    private StoredDelivery accepted(String id, String endpoint, Instant at) {
        return StoredDelivery.accepted(id, event, endpoint, at);
    }

    private static AttemptRecord attempt(String id, int n, int status, Instant at, Instant next) {
        return new AttemptRecord(id, "evt_1", "ops", n, at, Duration.ofMillis(12), status, null,
                OutcomeClass.ofStatus(status), null, next);
    }

    private List<String> leaseDueIds(String node, Instant now, int max) {
        return store.leaseDue(node, now, now.plus(Duration.ofHours(1)), max).stream().map(StoredDelivery::deliveryId).toList();
    }

    @Test
    void anEndpointIsHeldByOneNodeUntilItsLeaseExpiresOrIsGivenUp() {
        assertThat(store.leaseEndpoints("a", List.of("ops", "audit"), T0, T0.plus(LEASE)))
                .containsExactly("ops", "audit");
        assertThat(store.leaseEndpoints("b", List.of("ops", "audit", "billing"), T0.plusSeconds(29),
                T0.plusSeconds(59))).containsExactly("billing");
        assertThat(store.leaseEndpoints("a", List.of("ops"), T0.plusSeconds(10), T0.plusSeconds(40)))
                .containsExactly("ops");

        assertThat(store.leaseEndpoints("b", List.of("ops", "audit"), T0.plusSeconds(30), T0.plusSeconds(60)))
                .containsExactly("audit");
        assertThat(store.endpointHolder("audit", T0.plusSeconds(30))).isEqualTo("b");

        store.leaseEndpoints("a", List.of("ops"), T0.plusSeconds(31), T0.plusSeconds(31));
        assertThat(store.endpointHolder("ops", T0.plusSeconds(31))).isNull();
        assertThat(store.leaseEndpoints("b", List.of("ops"), T0.plusSeconds(31), T0.plusSeconds(61)))
                .containsExactly("ops");
    }

    @Test
    void leaseDueTakesDueUnleasedDeliveriesOfHeldEndpointsOldestDueFirst() {
        store.leaseEndpoints("a", List.of("ops"), T0, T0.plus(Duration.ofHours(1)));
        store.append(List.of(accepted("late", "ops", T0.plusSeconds(5)), accepted("early", "ops", T0),
                accepted("other-endpoint", "audit", T0)), null, null);
        store.append(List.of(accepted("leased", "ops", T0)), "b", T0.plusSeconds(20));
        store.append(List.of(accepted("future", "ops", T0.plusSeconds(60))), null, null);

        assertThat(leaseDueIds("a", T0.plusSeconds(10), 10)).containsExactly("early", "late");
        assertThat(leaseDueIds("a", T0.plusSeconds(10), 10)).isEmpty();
        assertThat(leaseDueIds("a", T0.plusSeconds(20), 10)).containsExactly("leased");
        assertThat(leaseDueIds("b", T0.plusSeconds(20), 10)).isEmpty();
        assertThat(leaseDueIds("a", T0.plusSeconds(60), 1)).containsExactly("future");
        assertThat(store.leaseOwner("future", T0.plusSeconds(60))).isEqualTo("a");
        assertThatThrownBy(() -> store.leaseDue("a", T0, T0, 0)).hasMessageContaining("max must be at least 1");
    }

    @Test
    void aDeliveryLeasedOnAppendWaitsForItsLeaseToExpireOrBeReleased() {
        store.leaseEndpoints("a", List.of("ops"), T0, T0.plus(Duration.ofHours(1)));
        store.append(List.of(accepted("d1", "ops", T0), accepted("d2", "ops", T0)), "a", T0.plus(LEASE));

        assertThat(leaseDueIds("a", T0.plusSeconds(1), 10)).isEmpty();
        store.release("a", List.of("d1"));
        store.release("someone-else", List.of("d2"));
        assertThat(leaseDueIds("a", T0.plusSeconds(1), 10)).containsExactly("d1");

        store.renew("a", List.of("d2"), T0.plusSeconds(50));
        assertThat(leaseDueIds("a", T0.plusSeconds(40), 10)).isEmpty();
        assertThat(leaseDueIds("a", T0.plusSeconds(50), 10)).containsExactly("d2");
        store.renew("b", List.of("d2"), T0.plus(Duration.ofHours(1)));
        assertThat(store.leaseOwner("d2", T0.plusSeconds(51))).isEqualTo("a");
    }

    @Test
    void anAttemptReleasesAPendingDeliveryUntilItsNextAttemptAndAnEndIsFinal() {
        store.leaseEndpoints("a", List.of("ops"), T0, T0.plus(Duration.ofHours(1)));
        store.append(List.of(accepted("d1", "ops", T0)), "a", T0.plus(LEASE));

        store.recordAttempt(attempt("d1", 1, 503, T0, T0.plusSeconds(4)), StoredState.PENDING);
        assertThat(store.leaseOwner("d1", T0)).isNull();
        assertThat(leaseDueIds("a", T0.plusSeconds(3), 10)).isEmpty();
        List<StoredDelivery> due = store.leaseDue("a", T0.plusSeconds(4), T0.plusSeconds(34), 10);
        assertThat(due).singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(1));

        store.recordAttempt(attempt("d1", 2, 200, T0.plusSeconds(4), null), StoredState.DELIVERED);
        clock.advance(Duration.ofSeconds(5));
        store.recordAttempt(attempt("d1", 3, 503, T0.plusSeconds(6), T0.plusSeconds(7)), StoredState.PENDING);
        store.recordFinal("d1", StoredState.DEAD, "late");

        DeliveryRecord record = store.list(new DeliveryQuery(null, null, 10)).get(0);
        assertThat(record.delivery().state()).isEqualTo(StoredState.DELIVERED);
        assertThat(record.delivery().nextAttemptAt()).isNull();
        assertThat(record.attemptRecords()).extracting(AttemptRecord::statusCode).containsExactly(503, 200, 503);
        assertThat(store.recordAttempt(attempt("nope", 1, 200, T0, null), StoredState.DELIVERED)
                .toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void appendStoresAllOrNone() {
        store.append(List.of(accepted("d1", "ops", T0)), null, null);

        assertThat(store.append(List.of(accepted("d2", "ops", T0), accepted("d1", "ops", T0)), null, null)
                .toCompletableFuture()).isCompletedExceptionally();

        assertThat(store.list(new DeliveryQuery(null, null, 10))).extracting(r -> r.delivery().deliveryId())
                .containsExactly("d1");
    }

    @Test
    void countsEachStateAsListWouldListIt() {
        store.append(List.of(accepted("d1", "ops", T0), accepted("d2", "ops", T0), accepted("d3", "ops", T0)),
                null, null);
        store.recordFinal("d2", StoredState.DEAD, "gone");

        assertThat(store.count(StoredState.PENDING)).isEqualTo(2);
        assertThat(store.count(StoredState.DEAD)).isEqualTo(1);
        assertThat(store.count(StoredState.DELIVERED)).isZero();
        assertThat(store.count(null)).isEqualTo(3);
    }

    @Test
    void listsNewestFirstByStateAndEndpoint() {
        store.append(List.of(accepted("old", "ops", T0), accepted("new", "ops", T0.plusSeconds(2)),
                accepted("audit", "audit", T0.plusSeconds(1))), null, null);
        store.recordFinal("old", StoredState.DEAD, "template 'x' failed");

        assertThat(store.list(new DeliveryQuery(null, null, 10))).extracting(r -> r.delivery().deliveryId())
                .containsExactly("new", "audit", "old");
        assertThat(store.list(new DeliveryQuery(null, null, 2))).hasSize(2);
        assertThat(store.list(new DeliveryQuery(StoredState.PENDING, "ops", 10)))
                .extracting(r -> r.delivery().deliveryId()).containsExactly("new");
        DeliveryRecord dead = store.list(new DeliveryQuery(StoredState.DEAD, null, 10)).get(0);
        assertThat(dead.lastError()).isEqualTo("template 'x' failed");
        assertThat(dead.attemptRecords()).isEmpty();
        assertThatThrownBy(() -> new DeliveryQuery(null, null, 0)).hasMessageContaining("limit");
    }

    @Test
    void replayMakesDeadDeliveriesDueAgainKeepingIdsAndAttempts() {
        store.leaseEndpoints("a", List.of("ops", "audit"), T0, T0.plus(Duration.ofHours(1)));
        store.append(List.of(accepted("before", "ops", T0), accepted("ops-dead", "ops", T0.plusSeconds(10)),
                accepted("audit-dead", "audit", T0.plusSeconds(10)), accepted("ops-ok", "ops", T0.plusSeconds(10))),
                null, null);
        store.recordAttempt(attempt("before", 1, 400, T0, null), StoredState.DEAD);
        store.recordAttempt(attempt("ops-dead", 1, 400, T0, null), StoredState.DEAD);
        store.recordAttempt(attempt("audit-dead", 1, 400, T0, null), StoredState.DEAD);
        store.recordAttempt(attempt("ops-ok", 1, 200, T0, null), StoredState.DELIVERED);

        assertThat(store.replay(T0.plusSeconds(5), "ops", T0.plusSeconds(100), Duration.ofSeconds(5))).isEqualTo(1);
        assertThat(leaseDueIds("a", T0.plusSeconds(100), 10)).containsExactly("ops-dead");
        assertThat(store.replay(T0, null, T0.plusSeconds(100), Duration.ofSeconds(5))).isEqualTo(2);
        List<StoredDelivery> due = store.leaseDue("a", T0.plusSeconds(100), T0.plusSeconds(130), 10);
        assertThat(due).extracting(StoredDelivery::deliveryId).containsExactlyInAnyOrder("before", "audit-dead");
        assertThat(due).allSatisfy(d -> assertThat(d.attempts()).isEqualTo(1));
    }

    @Test
    void purgeDeletesOnlyDeliveriesThatEndedBeforeTheCutoff() {
        store.append(List.of(accepted("delivered", "ops", T0), accepted("dead", "ops", T0),
                accepted("pending", "ops", T0), accepted("recent", "ops", T0)), null, null);
        store.recordAttempt(attempt("delivered", 1, 200, T0, null), StoredState.DELIVERED);
        store.recordFinal("dead", StoredState.DEAD, "gone");
        clock.advance(Duration.ofDays(2));
        store.recordFinal("recent", StoredState.DEAD, "gone");

        assertThat(store.purge(T0.plus(Duration.ofDays(1)))).isEqualTo(2);

        assertThat(store.list(new DeliveryQuery(null, null, 10))).extracting(r -> r.delivery().deliveryId())
                .containsExactlyInAnyOrder("pending", "recent");
        assertThat(store.recordFinal("pending", StoredState.PENDING, "x").toCompletableFuture())
                .isCompletedExceptionally();
    }
}
