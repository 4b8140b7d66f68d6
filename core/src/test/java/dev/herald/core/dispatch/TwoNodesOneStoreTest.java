package dev.herald.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.core.store.InMemoryDeliveryStore;
import dev.herald.core.store.StoredState;
import dev.herald.core.testing.CountingRenderer;
import dev.herald.core.testing.NodeScheduler;
import dev.herald.core.testing.SharedReceiver;
import dev.herald.core.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one store, with answers that arrive on other threads: each endpoint is sent to by one node at a
 * time, every delivery is delivered once, and when a node dies the other takes its endpoints over after their
 * leases expire and delivers what it left.
 */
class TwoNodesOneStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final List<String> ENDPOINTS = List.of("e1", "e2", "e3", "e4");

    private final ManualScheduler clock = new ManualScheduler(T0);
    private final InMemoryDeliveryStore store = new InMemoryDeliveryStore(clock::now);
    private final SharedReceiver receiver = new SharedReceiver(clock::now);
    private final CountingRenderer renderer = new CountingRenderer();

    private Dispatcher node(String name, NodeScheduler scheduler) {
        Dispatcher.Builder b = Dispatcher.builder().transport(receiver.transportFor(name)).templateRenderer(renderer)
                .scheduler(scheduler).executor(Runnable::run).store(store).node(name).leaseDuration(LEASE)
                .pollInterval(Duration.ofMillis(100)).storeTimeout(Duration.ofSeconds(1));
        for (String e : ENDPOINTS) {
            b.endpoint(Endpoint.builder("https://" + e + ".example/hook").name(e)
                    .filter(EventFilter.of(EventType.TOOL_SUCCESS))
                    .retryPolicy(RetryPolicy.builder().retryAttempts(5).baseDelay(Duration.ofMillis(200)).build())
                    .build());
        }
        return b.build();
    }

    private List<String> dispatch(Dispatcher on, int events) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            DispatchResult r = on.dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
            assertThat(r.status()).isEqualTo(DispatchResult.Status.ACCEPTED);
            ids.addAll(r.deliveryIds());
        }
        return ids;
    }

    /** Moves the shared clock on, a poll at a time, until every accepted delivery is delivered. */
    private void runUntilDelivered(List<String> accepted) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(2)).until(() -> {
            clock.advance(Duration.ofMillis(100));
            return store.list(new DeliveryQuery(StoredState.DELIVERED, null, 10_000)).size() == accepted.size();
        });
    }

    @Test
    void eachEndpointHasOneSenderAtATimeAndASurvivorDeliversWhatADeadNodeLeft() {
        store.leaseEndpoints("b", List.of("e3", "e4"), T0, T0.plus(LEASE));
        receiver.answer("e2", 503, 503, 500).answer("e3", 500, 429);
        NodeScheduler clockA = new NodeScheduler(clock);
        Dispatcher a = node("a", clockA);
        Dispatcher b = node("b", new NodeScheduler(clock));
        assertThat(store.endpointHolder("e1", T0)).isEqualTo("a");
        assertThat(store.endpointHolder("e3", T0)).isEqualTo("b");

        List<String> accepted = new ArrayList<>();
        for (int round = 0; round < 25; round++) {
            accepted.addAll(dispatch(a, 1));
            accepted.addAll(dispatch(b, 1));
            clock.advance(Duration.ofMillis(30));
        }
        runUntilDelivered(accepted);
        assertThat(receiver.overlaps()).isEmpty();
        assertThat(senders()).containsEntry("e1", List.of("a")).containsEntry("e2", List.of("a"))
                .containsEntry("e3", List.of("b")).containsEntry("e4", List.of("b"));

        accepted.addAll(dispatch(a, 10));
        clockA.kill();
        receiver.kill("a");
        Instant death = clock.now();
        accepted.addAll(dispatch(b, 10));
        runUntilDelivered(accepted);

        assertThat(receiver.overlaps()).isEmpty();
        assertThat(accepted).hasSize(280).doesNotHaveDuplicates();
        Map<String, List<SharedReceiver.Sent>> byDelivery = receiver.sent().stream()
                .collect(Collectors.groupingBy(s -> s.deliveryId));
        assertThat(byDelivery.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
        for (String id : accepted) {
            List<SharedReceiver.Sent> sends = byDelivery.get(id);
            assertThat(sends).filteredOn(s -> s.status() / 100 == 2).as("successful sends of %s", id).hasSize(1);
            DeliveryRecord record = store.list(new DeliveryQuery(null, null, 10_000)).stream()
                    .filter(r -> r.delivery().deliveryId().equals(id)).findFirst().orElseThrow();
            assertThat(record.attemptRecords()).as("attempts recorded for %s", id)
                    .hasSize((int) sends.stream().filter(s -> s.status() != 0).count());
        }
        // A renewed its leases every third of one, so at its death at least two thirds were left.
        assertThat(receiver.sent()).filteredOn(s -> s.node.equals("b") && ENDPOINTS.indexOf(s.endpoint) < 2)
                .isNotEmpty().allSatisfy(s -> assertThat(s.at).isAfterOrEqualTo(death.plus(LEASE.multipliedBy(2)
                        .dividedBy(3))));
        assertThat(store.endpointHolder("e1", clock.now())).isEqualTo("b");
        assertThat(receiver.sent()).filteredOn(s -> s.status() / 100 != 2 && s.status() != 0).hasSize(5);
    }

    /** Which nodes sent to each endpoint, in order of their first send. */
    private Map<String, List<String>> senders() {
        Map<String, List<String>> out = new HashMap<>();
        for (SharedReceiver.Sent s : receiver.sent()) {
            List<String> nodes = out.computeIfAbsent(s.endpoint, k -> new ArrayList<>());
            if (!nodes.contains(s.node)) {
                nodes.add(s.node);
            }
        }
        return out;
    }
}
