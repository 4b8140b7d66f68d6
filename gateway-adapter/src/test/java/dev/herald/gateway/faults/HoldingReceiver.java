package dev.herald.gateway.faults;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A slow receiver on an ephemeral loopback port: it answers the first {@code answeredAtOnce} requests with 200
 * after {@code delay}, and holds every later one, unanswered, until the test {@link #release releases} it. It
 * counts a delivery as delivered only once its 200 has been written to the connection, by {@code webhook-id}, so
 * that what it counts is what a receiver that de-duplicates would have processed.
 */
final class HoldingReceiver implements AutoCloseable {
    private final int answeredAtOnce;
    private final Duration delay;
    private final AtomicInteger arrivals = new AtomicInteger();
    private final ConcurrentLinkedQueue<Sinks.Empty<Void>> held = new ConcurrentLinkedQueue<>();
    private final AtomicInteger holding = new AtomicInteger();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final DisposableServer server;

    HoldingReceiver(int answeredAtOnce, Duration delay) {
        this.answeredAtOnce = answeredAtOnce;
        this.delay = delay;
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.post("/hook", (req, res) -> {
                    String id = req.requestHeaders().get("webhook-id");
                    return req.receive().then(Mono.defer(() -> {
                        seen.add(id);
                        Mono<Void> answer = Mono.defer(() -> res.status(200).send().then())
                                .then(Mono.fromRunnable(() -> delivered.add(id)));
                        if (arrivals.incrementAndGet() <= answeredAtOnce) {
                            return Mono.delay(delay).then(answer);
                        }
                        Sinks.Empty<Void> release = Sinks.empty();
                        held.add(release);
                        holding.incrementAndGet();
                        return release.asMono().then(answer);
                    }));
                }))
                .bindNow();
    }

    /** Answers the {@code n} requests held longest. */
    void release(int n) {
        for (int i = 0; i < n; i++) {
            Sinks.Empty<Void> next = held.poll();
            if (next == null) {
                return;
            }
            holding.decrementAndGet();
            next.tryEmitEmpty();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + "/hook";
    }

    /** Requests that arrived, every attempt counted. */
    int arrivals() {
        return arrivals.get();
    }

    /** Requests held unanswered now. */
    int holding() {
        return holding.get();
    }

    /** The delivery ids answered 200 in full, in order, each as often as it was. */
    List<String> delivered() {
        return List.copyOf(delivered);
    }

    /** Every delivery id that arrived, answered or not. */
    Set<String> seen() {
        return Set.copyOf(seen);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
