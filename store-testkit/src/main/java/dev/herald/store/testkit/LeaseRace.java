package dev.herald.store.testkit;

import static dev.herald.store.testkit.StoreFixtures.T0;
import static dev.herald.store.testkit.StoreFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.store.DeliveryOutbox;
import dev.herald.core.store.StoredDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Several nodes on one outbox, each with many threads, in rounds of the store's time: every round new deliveries
 * arrive, every node's keepers race for every endpoint, every node's senders race {@code leaseDue} until nothing
 * is left, and each node gives a few endpoints up for the others to take. Delivery leases outlive one round but
 * not two, so deliveries are leased again, by whichever node holds their endpoint then. Everything taken is
 * recorded for the checks.
 */
final class LeaseRace {
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final int NEW_PER_ROUND = 100;
    private static final int KEEPERS_PER_NODE = 2;
    private static final int SENDERS_PER_NODE = 4;
    private static final int LEASE_AT_MOST = 10;

    /** One delivery leased to one node for [from, until), in a round. */
    record Lease(String deliveryId, String endpoint, String node, Instant from, Instant until, int round) {}

    private final Map<String, ? extends DeliveryOutbox> nodes;
    private final List<String> endpoints;
    private final int rounds;
    private final List<Map<String, Set<String>>> heldInRound = new ArrayList<>();
    private final Queue<Lease> leases = new ConcurrentLinkedQueue<>();
    private final Set<String> appended = new HashSet<>();

    LeaseRace(Map<String, ? extends DeliveryOutbox> nodes, int endpoints, int rounds) {
        this.nodes = nodes;
        this.endpoints = IntStream.range(0, endpoints).mapToObj(i -> "ep-" + i).toList();
        this.rounds = rounds;
    }

    void run() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size() * (KEEPERS_PER_NODE + SENDERS_PER_NODE));
        try {
            for (int round = 0; round < rounds; round++) {
                Instant now = T0.plus(STEP.multipliedBy(round));
                appendNew(round, now);
                heldInRound.add(raceForEndpoints(threads, round, now));
                raceForDeliveries(threads, round, now);
                giveSomeEndpointsUp(round, now);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private void appendNew(int round, Instant now) {
        List<StoredDelivery> batch = new ArrayList<>();
        for (int i = 0; i < NEW_PER_ROUND; i++) {
            StoredDelivery d = pending("r" + round + "-" + i, endpoints.get(i % endpoints.size()), now);
            batch.add(d);
            appended.add(d.deliveryId());
        }
        List<String> names = List.copyOf(nodes.keySet());
        nodes.get(names.get(round % names.size())).append(batch, null, null).toCompletableFuture().join();
    }

    private Map<String, Set<String>> raceForEndpoints(ExecutorService threads, int round, Instant now)
            throws Exception {
        Map<String, Set<String>> held = new ConcurrentHashMap<>();
        nodes.keySet().forEach(node -> held.put(node, ConcurrentHashMap.newKeySet()));
        // The nodes take turns at a head start for what is free, so that each holds endpoints in some round
        // whatever the thread scheduler favours; the others still race against its leases on every row.
        List<String> names = List.copyOf(nodes.keySet());
        String first = names.get(round % names.size());
        held.get(first).addAll(nodes.get(first).leaseEndpoints(first, endpoints, now, now.plus(LEASE)));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> racers = new ArrayList<>();
        nodes.forEach((node, store) -> {
            for (int k = 0; k < KEEPERS_PER_NODE; k++) {
                racers.add(threads.submit(() -> {
                    start.await();
                    held.get(node).addAll(store.leaseEndpoints(node, endpoints, now, now.plus(LEASE)));
                    return null;
                }));
            }
        });
        start.countDown();
        awaitAll(racers);
        return held;
    }

    private void raceForDeliveries(ExecutorService threads, int round, Instant now) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> racers = new ArrayList<>();
        nodes.forEach((node, store) -> {
            for (int k = 0; k < SENDERS_PER_NODE; k++) {
                racers.add(threads.submit(() -> {
                    start.await();
                    List<StoredDelivery> got;
                    do {
                        got = store.leaseDue(node, now, now.plus(LEASE), LEASE_AT_MOST);
                        for (StoredDelivery d : got) {
                            leases.add(new Lease(d.deliveryId(), d.endpointName(), node, now, now.plus(LEASE), round));
                        }
                    } while (!got.isEmpty());
                    return null;
                }));
            }
        });
        start.countDown();
        awaitAll(racers);
    }

    private void giveSomeEndpointsUp(int round, Instant now) {
        Map<String, Set<String>> held = heldInRound.get(round);
        nodes.forEach((node, store) -> {
            List<String> givenUp = held.get(node).stream()
                    .filter(e -> (endpoints.indexOf(e) + round) % 3 == 0).toList();
            if (!givenUp.isEmpty()) {
                assertThat(store.leaseEndpoints(node, givenUp, now, now)).isEmpty();
            }
        });
    }

    private static void awaitAll(List<Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
    }

    void assertNoEndpointHeldByTwoNodesAtOnce() {
        for (Map<String, Set<String>> held : heldInRound) {
            Map<String, List<String>> holders = new HashMap<>();
            held.forEach((node, eps) -> eps.forEach(e -> holders.computeIfAbsent(e, k -> new ArrayList<>()).add(node)));
            assertThat(holders.keySet()).containsExactlyInAnyOrderElementsOf(endpoints);
            assertThat(holders).allSatisfy((endpoint, nodesHolding) -> assertThat(nodesHolding).hasSize(1));
        }
    }

    void assertNoDeliveryLeasedTwiceWhileLeased() {
        Map<String, List<Lease>> byDelivery = leases.stream().collect(Collectors.groupingBy(Lease::deliveryId));
        byDelivery.forEach((id, taken) -> {
            taken.sort(Comparator.comparing(Lease::from));
            for (int i = 1; i < taken.size(); i++) {
                assertThat(taken.get(i).from()).as("lease %s of %s starts after %s", taken.get(i), id, taken.get(i - 1))
                        .isAfterOrEqualTo(taken.get(i - 1).until());
            }
        });
        assertThat(byDelivery.values()).as("deliveries leased again once their lease expired")
                .anySatisfy(taken -> assertThat(taken).hasSizeGreaterThan(1));
    }

    void assertEveryDeliveryWasLeasedByTheNodeHoldingItsEndpoint() {
        assertThat(leases).allSatisfy(l -> assertThat(heldInRound.get(l.round()).get(l.node())).as("%s", l)
                .contains(l.endpoint()));
        assertThat(leases.stream().map(Lease::deliveryId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(appended);
        assertThat(leases.stream().map(Lease::node).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(nodes.keySet());
    }

    void assertOwnershipMovedBetweenNodes() {
        long moves = 0;
        for (int r = 1; r < heldInRound.size(); r++) {
            for (String e : endpoints) {
                if (!holder(r - 1, e).equals(holder(r, e))) {
                    moves++;
                }
            }
        }
        assertThat(moves).as("endpoints that changed node between rounds").isPositive();
    }

    private String holder(int round, String endpoint) {
        return heldInRound.get(round).entrySet().stream().filter(e -> e.getValue().contains(endpoint))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }
}
