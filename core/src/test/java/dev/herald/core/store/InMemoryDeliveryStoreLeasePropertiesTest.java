package dev.herald.core.store;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.OutcomeClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of three nodes that follow the dispatcher's protocol (append leased only for endpoints they
 * hold, renew only what they hold, release and record what they hold) against one store: at no moment do two nodes
 * hold the same endpoint or the same delivery, and {@code leaseDue} returns exactly the pending, due, unleased
 * deliveries of the endpoints the node holds.
 */
class InMemoryDeliveryStoreLeasePropertiesTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final List<String> ENDPOINTS = List.of("e0", "e1", "e2");
    private static final String[] NODES = {"n0", "n1", "n2"};

    @Test
    void noTwoNodesEverHoldTheSameLeaseAndLeaseDueTakesExactlyWhatIsFree() {
        qt().withExamples(400).forAll(lists().of(integers().between(0, 20_999)).ofSizeBetween(1, 80))
                .checkAssert(ops -> new Run().play(ops));
    }

    /** One interleaving: the store, and what each node believes it holds, until when. */
    private static final class Run {
        private final Event event = Event.builder(EventType.TOOL_ERROR).build();
        private Instant now = T0;
        private final InMemoryDeliveryStore store = new InMemoryDeliveryStore(() -> now);
        private final Map<String, Map<String, Instant>> endpointsHeld = new HashMap<>();
        private final Map<String, Map<String, Instant>> deliveriesHeld = new HashMap<>();
        private final Map<String, String> endpointOf = new HashMap<>();
        private final Map<String, Instant> dueAt = new HashMap<>();
        private final Set<String> pending = new HashSet<>();
        private int nextId;

        Run() {
            for (String n : NODES) {
                endpointsHeld.put(n, new HashMap<>());
                deliveriesHeld.put(n, new HashMap<>());
            }
        }

        void play(List<Integer> ops) {
            List<String> trace = new ArrayList<>();
            for (int code : ops) {
                int kind = code % 7;
                String node = NODES[(code / 7) % 3];
                int x = code / 21;
                trace.add(kind + "/" + node + "/" + x + "@" + Duration.between(T0, now).getSeconds());
                step(kind, node, x, trace);
                checkExclusive(endpointsHeld, "endpoint", trace);
                checkExclusive(deliveriesHeld, "delivery", trace);
            }
        }

        private void step(int kind, String node, int x, List<String> trace) {
            switch (kind) {
                case 0 -> now = now.plusSeconds(x % 5);
                case 1 -> append(node, ENDPOINTS.get(x % 3));
                case 2 -> leaseEndpoints(node);
                case 3 -> leaseDue(node, trace);
                case 4 -> renew(node);
                case 5 -> release(node, x);
                default -> recordAttempt(node, x);
            }
        }

        private void append(String node, String endpoint) {
            String id = "d" + nextId++;
            endpointOf.put(id, endpoint);
            dueAt.put(id, now);
            pending.add(id);
            boolean leased = holds(endpointsHeld, node, endpoint);
            store.append(List.of(StoredDelivery.accepted(id, event, endpoint, now)), leased ? node : null,
                    leased ? until() : null).toCompletableFuture().join();
            if (leased) {
                deliveriesHeld.get(node).put(id, until());
            }
        }

        private void leaseEndpoints(String node) {
            Set<String> got = new HashSet<>(store.leaseEndpoints(node, ENDPOINTS, now, until()));
            Map<String, Instant> mine = endpointsHeld.get(node);
            mine.clear();
            got.forEach(e -> mine.put(e, until()));
        }

        private void leaseDue(String node, List<String> trace) {
            Set<String> expected = new HashSet<>();
            for (String id : pending) {
                if (!dueAt.get(id).isAfter(now) && holds(endpointsHeld, node, endpointOf.get(id))
                        && holder(id) == null) {
                    expected.add(id);
                }
            }
            Set<String> got = new HashSet<>();
            for (StoredDelivery d : store.leaseDue(node, now, until(), 1000)) {
                got.add(d.deliveryId());
            }
            if (!got.equals(expected)) {
                throw new AssertionError("leaseDue by " + node + " gave " + got + ", expected " + expected
                        + " after " + trace);
            }
            got.forEach(id -> deliveriesHeld.get(node).put(id, until()));
        }

        private void renew(String node) {
            List<String> mine = held(deliveriesHeld, node);
            store.renew(node, mine, until()).toCompletableFuture().join();
            mine.forEach(id -> deliveriesHeld.get(node).put(id, until()));
        }

        private void release(String node, int x) {
            List<String> mine = held(deliveriesHeld, node);
            List<String> some = mine.subList(0, Math.min(mine.size(), x % 3));
            store.release(node, some).toCompletableFuture().join();
            some.forEach(deliveriesHeld.get(node)::remove);
        }

        private void recordAttempt(String node, int x) {
            List<String> mine = held(deliveriesHeld, node);
            if (mine.isEmpty()) {
                return;
            }
            String id = mine.get(x % mine.size());
            boolean retry = x % 2 == 0;
            Instant next = now.plusSeconds(x % 4);
            store.recordAttempt(new AttemptRecord(id, event.id(), endpointOf.get(id), 1, now, Duration.ZERO,
                    retry ? 503 : 200, null, retry ? OutcomeClass.RETRYABLE : OutcomeClass.SUCCESS, null,
                    retry ? next : null), retry ? StoredState.PENDING : StoredState.DELIVERED)
                    .toCompletableFuture().join();
            deliveriesHeld.get(node).remove(id);
            if (retry) {
                dueAt.put(id, next);
            } else {
                pending.remove(id);
            }
        }

        private Instant until() {
            return now.plus(LEASE);
        }

        private String holder(String deliveryId) {
            for (String n : NODES) {
                if (holds(deliveriesHeld, n, deliveryId)) {
                    return n;
                }
            }
            return null;
        }

        private boolean holds(Map<String, Map<String, Instant>> beliefs, String node, String key) {
            Instant until = beliefs.get(node).get(key);
            return until != null && until.isAfter(now);
        }

        private List<String> held(Map<String, Map<String, Instant>> beliefs, String node) {
            List<String> out = new ArrayList<>();
            beliefs.get(node).forEach((k, until) -> {
                if (until.isAfter(now)) {
                    out.add(k);
                }
            });
            out.sort(null);
            return out;
        }

        private void checkExclusive(Map<String, Map<String, Instant>> beliefs, String what, List<String> trace) {
            Map<String, String> owner = new HashMap<>();
            for (String n : NODES) {
                for (String k : held(beliefs, n)) {
                    String other = owner.put(k, n);
                    if (other != null) {
                        throw new AssertionError(what + " " + k + " held by " + other + " and " + n + " after "
                                + trace);
                    }
                }
            }
        }
    }
}
