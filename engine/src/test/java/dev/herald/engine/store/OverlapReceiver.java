package dev.herald.engine.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A loopback receiver for several nodes: {@code POST /<endpoint>} answers 204 after a short hold, so that requests
 * really overlap in time, and records for each request its endpoint, the node that sent it (a header), its
 * {@code webhook-id}, and when it arrived and when its exchange ended (answered, or its connection gone).
 */
final class OverlapReceiver implements AutoCloseable {
    /** One exchange as the receiver saw it; {@code endNanos} is 0 while it is open. */
    record Exchange(String endpoint, String node, String deliveryId, long startNanos, long endNanos) {}

    /** Two exchanges with one endpoint from two nodes whose times overlap. */
    record Overlap(Exchange first, Exchange second) {}

    private final String nodeHeader;
    private final List<Exchange> ended = new CopyOnWriteArrayList<>();
    private final Set<Exchange> open = ConcurrentHashMap.newKeySet();
    private final DisposableServer server;

    OverlapReceiver(String nodeHeader, Duration hold) {
        this.nodeHeader = nodeHeader;
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.post("/{endpoint}", (req, res) -> {
                    Exchange started = new Exchange(req.param("endpoint"), req.requestHeaders().get(nodeHeader),
                            req.requestHeaders().get("webhook-id"), System.nanoTime(), 0);
                    open.add(started);
                    return req.receive().then(Mono.delay(hold)).then(res.status(204).send())
                            .doFinally(signal -> {
                                open.remove(started);
                                ended.add(new Exchange(started.endpoint(), started.node(), started.deliveryId(),
                                        started.startNanos(), System.nanoTime()));
                            });
                }))
                .bindNow();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Every exchange that ended, in the order they ended. */
    List<Exchange> exchanges() {
        return List.copyOf(ended);
    }

    /** The ids received so far, from any node, with how many times each came. */
    Map<String, Long> idCounts() {
        return ended.stream().collect(Collectors.groupingBy(Exchange::deliveryId, Collectors.counting()));
    }

    long fromNode(String node) {
        return ended.stream().filter(e -> node.equals(e.node())).count();
    }

    /**
     * Every pair of ended exchanges with the same endpoint, from different nodes, whose times overlap: an endpoint
     * sent to by two nodes at once.
     */
    List<Overlap> crossNodeOverlaps() {
        Map<String, List<Exchange>> byEndpoint = new HashMap<>();
        for (Exchange e : ended) {
            byEndpoint.computeIfAbsent(e.endpoint(), k -> new ArrayList<>()).add(e);
        }
        List<Overlap> overlaps = new ArrayList<>();
        for (List<Exchange> list : byEndpoint.values()) {
            list.sort((x, y) -> Long.compare(x.startNanos(), y.startNanos()));
            // Sweep by start time, keeping the exchanges still open at each start.
            List<Exchange> active = new ArrayList<>();
            for (Exchange e : list) {
                active.removeIf(a -> a.endNanos() <= e.startNanos());
                for (Exchange a : active) {
                    if (!a.node().equals(e.node())) {
                        overlaps.add(new Overlap(a, e));
                    }
                }
                active.add(e);
            }
        }
        return overlaps;
    }

    /** Exchanges not ended yet. */
    int open() {
        return open.size();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
