package dev.herald.core.testing;

import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.Transport;
import dev.herald.core.transport.TransportResponse;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The receivers of several nodes' deliveries, for the core's multi-node tests: each node sends through its own
 * {@link #transportFor(String) transport}; answers come on other threads after up to a few milliseconds, so that
 * requests overlap in time as they do over a network. It notes every request, every answer, and any moment at
 * which two nodes had requests open to the same endpoint. A node {@link #kill(String) killed} gets no answer
 * again, as when its process dies with its connections.
 */
public final class SharedReceiver {
    private final Supplier<Instant> clock;
    private final Map<String, Deque<Integer>> scripts = new HashMap<>();
    private final Map<String, Map<String, Integer>> open = new HashMap<>();
    private final Set<String> dead = new HashSet<>();
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> overlaps = new ArrayList<>();

    /**
     * One request as the receiver saw it, when by the nodes' clock, and its answer once given (0 until then, or
     * forever if never).
     */
    public static final class Sent {
        public final String node;
        public final String endpoint;
        public final String deliveryId;
        public final int attempt;
        public final Instant at;
        volatile int status;

        Sent(String node, OutboundRequest r, Instant at) {
            this.node = node;
            this.at = at;
            this.endpoint = r.endpointName();
            this.deliveryId = r.deliveryId();
            this.attempt = r.attempt();
        }

        public int status() {
            return status;
        }
    }

    /** A receiver that stamps each request with the nodes' clock. */
    public SharedReceiver(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** Queues statuses for an endpoint's next requests, whoever sends them; 200 once they run out. */
    public synchronized SharedReceiver answer(String endpoint, int... statuses) {
        Deque<Integer> script = scripts.computeIfAbsent(endpoint, k -> new ArrayDeque<>());
        for (int s : statuses) {
            script.add(s);
        }
        return this;
    }

    /** The transport of one node. */
    public Transport transportFor(String node) {
        return request -> send(node, request);
    }

    /** The node's requests still open are never answered; the node sends nothing more that is answered. */
    public synchronized void kill(String node) {
        dead.add(node);
        for (Map<String, Integer> byNode : open.values()) {
            byNode.remove(node);
        }
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Every time a node sent to an endpoint while another node had a request open to it. */
    public synchronized List<String> overlaps() {
        return List.copyOf(overlaps);
    }

    /** Requests sent and not answered, of nodes alive. */
    public synchronized int openRequests() {
        int n = 0;
        for (Map<String, Integer> byNode : open.values()) {
            for (int c : byNode.values()) {
                n += c;
            }
        }
        return n;
    }

    private CompletableFuture<TransportResponse> send(String node, OutboundRequest request) {
        Sent s = new Sent(node, request, clock.get());
        int status;
        synchronized (this) {
            sent.add(s);
            if (dead.contains(node)) {
                return new CompletableFuture<>();
            }
            Map<String, Integer> byNode = open.computeIfAbsent(request.endpointName(), k -> new HashMap<>());
            for (Map.Entry<String, Integer> e : byNode.entrySet()) {
                if (!e.getKey().equals(node) && e.getValue() > 0) {
                    overlaps.add(node + " sent " + request + " while " + e.getKey() + " had " + e.getValue()
                            + " open");
                }
            }
            byNode.merge(node, 1, Integer::sum);
            Deque<Integer> script = scripts.get(request.endpointName());
            status = script == null || script.isEmpty() ? 200 : script.poll();
        }
        CompletableFuture<TransportResponse> answer = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(ThreadLocalRandom.current().nextInt(3000), TimeUnit.MICROSECONDS)
                .execute(() -> {
                    synchronized (this) {
                        if (dead.contains(node)) {
                            return;
                        }
                        open.get(s.endpoint).merge(node, -1, Integer::sum);
                        s.status = status;
                    }
                    answer.complete(TransportResponse.of(status));
                });
        return answer;
    }
}
