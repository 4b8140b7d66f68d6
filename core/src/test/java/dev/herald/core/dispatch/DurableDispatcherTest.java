package dev.herald.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.core.store.DeliveryStore;
import dev.herald.core.store.InMemoryDeliveryStore;
import dev.herald.core.store.StoredState;
import dev.herald.core.testing.ControlledStore;
import dev.herald.core.testing.CountingRenderer;
import dev.herald.core.testing.NodeScheduler;
import dev.herald.core.testing.RecordingListener;
import dev.herald.core.testing.ScriptedTransport;
import dev.herald.core.time.ManualScheduler;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.Transport;
import dev.herald.core.transport.TransportResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dispatcher with a delivery store: acceptance, records, retries, restarts, closing and replay. */
class DurableDispatcherTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final ManualScheduler clock = new ManualScheduler(T0);
    private final InMemoryDeliveryStore store = new InMemoryDeliveryStore(clock::now);
    private final ScriptedTransport transport = new ScriptedTransport();
    private final CountingRenderer renderer = new CountingRenderer();
    private final RecordingListener listener = new RecordingListener();

    private static Endpoint endpoint(String name) {
        return Endpoint.builder("https://" + name + ".example/hook").name(name)
                .filter(EventFilter.of(EventType.TOOL_SUCCESS))
                .retryPolicy(RetryPolicy.builder().retryAttempts(3).baseDelay(Duration.ofSeconds(1)).build())
                .build();
    }

    private Dispatcher.Builder node(String name, DeliveryStore on, Endpoint... endpoints) {
        return Dispatcher.builder().endpoints(List.of(endpoints)).transport(transport).templateRenderer(renderer)
                .scheduler(clock).executor(Runnable::run).listener(listener).store(on).node(name)
                .leaseDuration(LEASE).pollInterval(Duration.ofMillis(250));
    }

    private static Event toolSuccess() {
        return Event.builder(EventType.TOOL_SUCCESS).build();
    }

    private List<DeliveryRecord> stored(StoredState state) {
        return store.list(new DeliveryQuery(state, null, 1000));
    }

    private DeliveryRecord record(String deliveryId) {
        return store.list(new DeliveryQuery(null, null, 1000)).stream()
                .filter(r -> r.delivery().deliveryId().equals(deliveryId)).findFirst().orElseThrow();
    }

    @Test
    void anEventIsAcceptedAndSentOnlyOnceTheStoreHoldsItsDeliveries() {
        ControlledStore slow = new ControlledStore(store).holdAppends();
        Dispatcher d = node("a", slow, endpoint("ops")).build();

        CompletableFuture<DispatchResult> async = d.dispatchAsync(toolSuccess());

        assertThat(async).isNotDone();
        assertThat(transport.requests()).isEmpty();
        assertThat(stored(null)).isEmpty();
        slow.letHeldAppendsThrough();
        assertThat(async).isCompletedWithValueMatching(r -> r.status() == DispatchResult.Status.ACCEPTED);
        String id = async.join().deliveryIds().get(0);
        assertThat(transport.requests()).extracting(OutboundRequest::deliveryId).containsExactly(id);
        assertThat(record(id).delivery().state()).isEqualTo(StoredState.DELIVERED);

        slow.holdAppends();
        CompletableFuture<DispatchResult> blocking = CompletableFuture.supplyAsync(
                () -> d.dispatchAndAwait(toolSuccess(), Duration.ofSeconds(5)));
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.appends() == 2);
        assertThat(blocking).isNotDone();
        assertThat(transport.requests()).hasSize(1);
        slow.letHeldAppendsThrough();
        DispatchResult second = blocking.orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(second.status()).isEqualTo(DispatchResult.Status.ACCEPTED);
        assertThat(second.durable()).isTrue();
        assertThat(transport.requests()).extracting(OutboundRequest::deliveryId)
                .containsExactly(id, second.deliveryIds().get(0));
    }

    @Test
    void dispatchReturnsAtOnceWhileTheStoreIsHeldAndDispatchAndAwaitWaitsUntilItsDeadline() {
        ControlledStore held = new ControlledStore(store).holdAppends();
        Dispatcher d = node("a", held, endpoint("ops")).build();

        long t0 = System.nanoTime();
        DispatchResult queued = d.dispatch(toolSuccess());
        Duration dispatchTook = Duration.ofNanos(System.nanoTime() - t0);
        t0 = System.nanoTime();
        DispatchResult waited = d.dispatchAndAwait(toolSuccess(), Duration.ofMillis(300));
        Duration awaitTook = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(dispatchTook).isLessThan(Duration.ofMillis(100));
        assertThat(queued.status()).isEqualTo(DispatchResult.Status.ACCEPTED);
        assertThat(queued.durable()).isFalse();
        assertThat(queued.deliveryIds()).hasSize(1);
        assertThat(awaitTook).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(5));
        assertThat(waited.status()).isEqualTo(DispatchResult.Status.REJECTED_STORE);
        assertThat(waited.reason()).isEqualTo("the delivery store did not confirm within PT0.3S");
        assertThat(transport.requests()).isEmpty();

        held.letHeldAppendsThrough();

        assertThat(transport.requests()).extracting(OutboundRequest::deliveryId)
                .containsExactly(queued.deliveryIds().get(0));
        assertThat(record(queued.deliveryIds().get(0)).delivery().state()).isEqualTo(StoredState.DELIVERED);
        assertThat(d.stats().eventsAccepted()).isEqualTo(1);
        assertThat(d.stats().eventsRejected()).isEqualTo(1);
        assertThat(listener.rejections).containsExactly(waited);
    }

    @Test
    void aStoreFailureAfterDispatchReturnedIsReportedToTheListenersAndCounted() {
        ControlledStore held = new ControlledStore(store).holdAppends();
        Dispatcher d = node("a", held, endpoint("ops")).storeTimeout(Duration.ofMillis(50)).build();

        DispatchResult queued = d.dispatch(toolSuccess());
        assertThat(queued.status()).isEqualTo(DispatchResult.Status.ACCEPTED);
        clock.advance(Duration.ofMillis(50));

        assertThat(d.stats().eventsRejected()).isEqualTo(1);
        assertThat(d.stats().eventsAccepted()).isZero();
        assertThat(listener.rejections).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(DispatchResult.Status.REJECTED_STORE);
            assertThat(r.reason()).isEqualTo("the delivery store did not confirm within PT0.05S");
        });
        held.letHeldAppendsThrough();
        clock.advance(Duration.ofMinutes(2));
        assertThat(transport.requests()).isEmpty();
    }

    @Test
    void aStoreThatFailsRefusesTheEventCountsItAndSendsNothing() {
        ControlledStore broken = new ControlledStore(store)
                .failAppends(new IllegalStateException("database is read-only"));
        Dispatcher d = node("a", broken, endpoint("ops")).build();

        DispatchResult sync = d.dispatch(toolSuccess());
        DispatchResult async = d.dispatchAsync(toolSuccess()).join();
        clock.advance(Duration.ofMinutes(2));

        assertThat(List.of(sync, async)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(DispatchResult.Status.REJECTED_STORE);
            assertThat(r.rejected()).isTrue();
            assertThat(r.deliveryIds()).isEmpty();
            assertThat(r.reason()).contains("database is read-only");
        });
        assertThat(d.stats().eventsRejected()).isEqualTo(2);
        assertThat(d.stats().eventsAccepted()).isZero();
        assertThat(d.stats().outstanding()).isZero();
        assertThat(listener.rejections).containsExactly(sync, async);
        assertThat(transport.requests()).isEmpty();
        assertThat(stored(null)).isEmpty();
    }

    @Test
    void aStoreThatDoesNotConfirmInTimeRefusesAndWhatItStoresLateIsNeverSent() {
        ControlledStore slow = new ControlledStore(store).holdAppends();
        Dispatcher d = node("a", slow, endpoint("ops")).storeTimeout(Duration.ofMillis(50)).build();

        DispatchResult sync = d.dispatchAndAwait(toolSuccess(), Duration.ofMillis(50));
        CompletableFuture<DispatchResult> async = d.dispatchAsync(toolSuccess());
        assertThat(async).isNotDone();
        clock.advance(Duration.ofMillis(50));

        assertThat(sync.status()).isEqualTo(DispatchResult.Status.REJECTED_STORE);
        assertThat(sync.reason()).isEqualTo("the delivery store did not confirm within PT0.05S");
        assertThat(async).isCompletedWithValue(sync);
        assertThat(d.stats().outstanding()).isZero();
        slow.letHeldAppendsThrough();
        clock.advance(Duration.ofMinutes(2));
        assertThat(transport.requests()).isEmpty();
        assertThat(stored(StoredState.DEAD)).hasSize(2)
                .allSatisfy(r -> assertThat(r.lastError()).startsWith("refused"));
    }

    @Test
    void everyAttemptIsRecordedAndARetryWaitsInTheStoreUntilDue() {
        transport.answer("flaky", TransportResponse.of(503), TransportResponse.of(200));
        transport.answer("picky", TransportResponse.of(400));
        Endpoint broken = endpoint("broken").toBuilder().template("broken").build();
        Dispatcher d = node("a", store, endpoint("flaky"), endpoint("picky"), broken).build();

        List<String> ids = d.dispatch(toolSuccess()).deliveryIds();
        assertThat(d.stats().outstanding()).isZero();
        assertThat(record(ids.get(0)).delivery().nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
        clock.advance(Duration.ofMillis(999));
        assertThat(transport.requestsTo("flaky")).hasSize(1);
        clock.advance(Duration.ofMillis(251));

        DeliveryRecord flaky = record(ids.get(0));
        assertThat(flaky.delivery().state()).isEqualTo(StoredState.DELIVERED);
        assertThat(flaky.delivery().attempts()).isEqualTo(2);
        assertThat(flaky.attemptRecords()).extracting(AttemptRecord::statusCode).containsExactly(503, 200);
        assertThat(flaky.attemptRecords().get(1).startedAt()).isBetween(T0.plusSeconds(1), T0.plusMillis(1250));
        assertThat(transport.requestsTo("flaky")).extracting(OutboundRequest::deliveryId).containsOnly(ids.get(0));
        assertThat(transport.requestsTo("flaky")).extracting(OutboundRequest::attempt).containsExactly(1, 2);
        assertThat(listener.outcomeFor("flaky").attempts()).isEqualTo(2);
        DeliveryRecord picky = record(ids.get(1));
        assertThat(picky.delivery().state()).isEqualTo(StoredState.DEAD);
        assertThat(picky.attemptRecords()).extracting(AttemptRecord::statusCode).containsExactly(400);
        DeliveryRecord unrendered = record(ids.get(2));
        assertThat(unrendered.delivery().state()).isEqualTo(StoredState.DEAD);
        assertThat(unrendered.attemptRecords()).isEmpty();
        assertThat(unrendered.lastError()).contains("template 'broken' failed");
    }

    @Test
    void aNodeThatDoesNotHoldAnEndpointStoresItsDeliveriesForTheHolder() {
        store.leaseEndpoints("b", List.of("audit"), T0, T0.plus(Duration.ofHours(1)));
        Dispatcher a = node("a", store, endpoint("ops"), endpoint("audit")).build();

        List<String> ids = a.dispatch(toolSuccess()).deliveryIds();

        assertThat(transport.requests()).isEmpty();
        assertThat(store.leaseOwner(ids.get(0), T0)).isNull();
        assertThat(store.leaseOwner(ids.get(1), T0)).isNull();
        clock.advance(Duration.ofMillis(250));
        assertThat(transport.requests()).extracting(OutboundRequest::deliveryId).containsExactly(ids.get(0));
        assertThat(record(ids.get(1)).delivery().state()).isEqualTo(StoredState.PENDING);
    }

    @Test
    void aRestartedNodeSendsWhatACrashedOneLeftWithTheSameIds() {
        NodeScheduler crashing = new NodeScheduler(clock);
        Transport dying = request -> request.endpointName().equals("retrying")
                ? CompletableFuture.completedFuture(TransportResponse.of(503))
                : new CompletableFuture<>();
        Dispatcher first = Dispatcher.builder().endpoint(endpoint("stuck")).endpoint(endpoint("retrying"))
                .transport(dying).templateRenderer(renderer).scheduler(crashing).executor(Runnable::run)
                .store(store).node("first").leaseDuration(LEASE).build();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accepted.addAll(first.dispatch(toolSuccess()).deliveryIds());
        }
        assertThat(first.stats().attempts()).isEqualTo(6);
        crashing.kill();

        Dispatcher second = node("second", store, endpoint("stuck"), endpoint("retrying")).build();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(transport.requests()).isEmpty();
        clock.advance(Duration.ofSeconds(11));

        assertThat(transport.requests()).extracting(OutboundRequest::deliveryId)
                .containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(transport.requestsTo("stuck")).extracting(OutboundRequest::attempt).containsOnly(1);
        assertThat(transport.requestsTo("retrying")).extracting(OutboundRequest::attempt).containsOnly(2);
        assertThat(stored(StoredState.DELIVERED)).hasSize(6);
        assertThat(second.stats().deliveriesDelivered()).isEqualTo(6);
    }

    @Test
    void closingReleasesWhatIsLeftAndHandsIdleEndpointsOverAtOnce() {
        transport.answer("retrying", TransportResponse.of(503), TransportResponse.of(503));
        Transport slowAndRetrying = request -> request.endpointName().equals("slow") ? new CompletableFuture<>()
                : transport.send(request);
        Dispatcher a = node("a", store, endpoint("slow"), endpoint("retrying")).transport(slowAndRetrying)
                .maxInFlightPerEndpoint(1).build();
        List<String> slowIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            slowIds.add(a.dispatch(toolSuccess()).deliveryIds().get(0));
        }

        CloseReport report = a.close(Duration.ofMillis(20));

        assertThat(report.drained()).isFalse();
        assertThat(report.undelivered()).extracting(DeliveryOutcome::deliveryId)
                .containsExactlyInAnyOrderElementsOf(slowIds);
        assertThat(report.undelivered()).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(DeliveryStatus.CANCELLED);
            assertThat(o.lastError()).contains("released to the store");
        });
        assertThat(slowIds).allSatisfy(id -> {
            assertThat(store.leaseOwner(id, clock.now())).isNull();
            assertThat(record(id).delivery().state()).isEqualTo(StoredState.PENDING);
        });
        assertThat(store.endpointHolder("slow", clock.now())).isEqualTo("a");
        assertThat(store.endpointHolder("retrying", clock.now())).isNull();

        Dispatcher b = node("b", store, endpoint("slow"), endpoint("retrying")).build();
        clock.advance(Duration.ofMillis(1250));
        assertThat(transport.requestsTo("retrying")).extracting(OutboundRequest::attempt).containsExactly(1, 1, 2, 2);
        assertThat(transport.requestsTo("slow")).isEmpty();
        clock.advance(LEASE);
        assertThat(transport.requestsTo("slow")).extracting(OutboundRequest::deliveryId)
                .containsExactlyInAnyOrderElementsOf(slowIds);
        assertThat(stored(StoredState.DELIVERED)).hasSize(4);
        assertThat(b.stats().deliveriesDelivered()).isEqualTo(4);
    }

    @Test
    void theCloseReportSaysWhatIsPendingInTheStoreAndCountsAnUnansweredAttempt() {
        transport.answer("retrying", TransportResponse.of(503));
        CompletableFuture<TransportResponse> neverInTime = new CompletableFuture<>();
        Transport hangingAndRetrying = request -> request.endpointName().equals("hanging") ? neverInTime
                : transport.send(request);
        Dispatcher a = node("a", store, endpoint("hanging"), endpoint("retrying")).transport(hangingAndRetrying)
                .build();
        List<String> ids = a.dispatch(toolSuccess()).deliveryIds();
        String hanging = ids.get(0);
        String retrying = ids.get(1);

        CloseReport report = a.close(Duration.ofMillis(20));
        // The answer that comes after the close is not recorded a second time.
        neverInTime.complete(TransportResponse.of(200));

        assertThat(report.undelivered()).extracting(DeliveryOutcome::deliveryId).containsExactly(hanging);
        PendingInStore pending = report.store();
        assertThat(pending.unreadable()).isNull();
        assertThat(pending.count()).isEqualTo(2);
        assertThat(pending.listed()).extracting(d -> d.deliveryId() + " attempts=" + d.attempts())
                .containsExactlyInAnyOrder(hanging + " attempts=1", retrying + " attempts=1");
        DeliveryRecord held = record(hanging);
        assertThat(held.delivery().state()).isEqualTo(StoredState.PENDING);
        assertThat(held.attemptRecords()).singleElement().satisfies(attempt -> {
            assertThat(attempt.attempt()).isEqualTo(1);
            assertThat(attempt.statusCode()).isZero();
            assertThat(attempt.error()).contains("no answer before the dispatcher closed");
        });
        assertThat(store.leaseOwner(hanging, clock.now())).isNull();
    }

    @Test
    void aCloseWithNothingLeftReportsAnEmptyStore() {
        transport.answer("ops", TransportResponse.of(200));
        Dispatcher a = node("a", store, endpoint("ops")).build();
        a.dispatch(toolSuccess());

        CloseReport report = a.close(Duration.ofSeconds(1));

        assertThat(report.drained()).isTrue();
        assertThat(report.store()).isEqualTo(new PendingInStore(0, List.of(), null));
    }

    @Test
    void aDeliveryInMemoryIsNeverTakenUpAgainByItsOwnRelay() {
        ControlledStore forgetful = new ControlledStore(store).dropRenewals();
        transport.holdAll();
        Dispatcher d = node("a", forgetful, endpoint("ops")).build();
        String id = d.dispatch(toolSuccess()).deliveryIds().get(0);

        clock.advance(LEASE.plusSeconds(5));

        assertThat(store.leaseOwner(id, clock.now())).isEqualTo("a");
        assertThat(transport.requests()).hasSize(1);
        assertThat(d.stats().outstanding()).isEqualTo(1);
        transport.completeHeld(200);
        assertThat(record(id).delivery().state()).isEqualTo(StoredState.DELIVERED);
    }

    @Test
    void replayingDeadDeliveriesSendsThemAgainWithTheirIds() {
        transport.answer("picky", TransportResponse.of(422));
        Dispatcher d = node("a", store, endpoint("picky")).build();
        String id = d.dispatch(toolSuccess()).deliveryIds().get(0);
        assertThat(record(id).delivery().state()).isEqualTo(StoredState.DEAD);

        assertThat(store.replay(T0, "picky", clock.now(), Duration.ofSeconds(5))).isEqualTo(1);
        clock.advance(Duration.ofMillis(250));

        assertThat(transport.requestsTo("picky")).extracting(OutboundRequest::deliveryId).containsExactly(id, id);
        DeliveryRecord replayed = record(id);
        assertThat(replayed.delivery().state()).isEqualTo(StoredState.DELIVERED);
        assertThat(replayed.attemptRecords()).extracting(AttemptRecord::statusCode).containsExactly(422, 200);
    }

    @Test
    void endedDeliveriesArePurgedAfterTheirRetention() {
        Dispatcher d = node("a", store, endpoint("ops")).retention(Duration.ofDays(1)).build();
        String id = d.dispatch(toolSuccess()).deliveryIds().get(0);
        assertThat(record(id).delivery().state()).isEqualTo(StoredState.DELIVERED);

        clock.advance(Duration.ofHours(24));
        assertThat(stored(null)).hasSize(1);
        clock.advance(Duration.ofHours(1));

        assertThat(stored(null)).isEmpty();
    }

    @Test
    void badStoreSettingsFailAtBuildNamingTheKey() {
        assertThatThrownBy(() -> node(" ", store, endpoint("ops")).build()).hasMessage("node: must not be blank");
        assertThatThrownBy(() -> node("a", store, endpoint("ops")).pollInterval(Duration.ZERO).build())
                .hasMessage("poll_interval: must be positive, got PT0S");
        assertThatThrownBy(() -> node("a", store, endpoint("ops")).storeTimeout(Duration.ofSeconds(11)).build())
                .hasMessage("store_timeout: must be at most a third of lease_duration (PT30S), got PT11S");
    }
}
