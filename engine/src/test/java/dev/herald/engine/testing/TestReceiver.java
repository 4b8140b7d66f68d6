package dev.herald.engine.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP receiver on an ephemeral loopback port for end-to-end tests: each path answers from a script
 * (the n-th request to a path gets {@code script.apply(n)}, 200 by default) and every request and connection is
 * recorded.
 */
public final class TestReceiver implements AutoCloseable {
    /** A scripted answer; {@code delay} postpones it, {@code unanswered} leaves the request unanswered. */
    public record Answer(int status, Map<String, String> headers, String body, Duration delay, boolean unanswered) {
        public static Answer status(int status) {
            return new Answer(status, Map.of(), "", Duration.ZERO, false);
        }

        public static Answer retryAfter(int status, String value) {
            return new Answer(status, Map.of("Retry-After", value), "", Duration.ZERO, false);
        }

        public static Answer slow(int status, Duration delay) {
            return new Answer(status, Map.of(), "", delay, false);
        }

        public static Answer body(int status, String body) {
            return new Answer(status, Map.of(), body, Duration.ZERO, false);
        }

        public static Answer noAnswer() {
            return new Answer(0, Map.of(), "", Duration.ZERO, true);
        }
    }

    /** One request as it arrived. */
    public record Received(String path, Map<String, String> headers, byte[] body, long arrivedNanos) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Map<String, IntFunction<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> holds = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final String host;
    private final DisposableServer server;

    public TestReceiver() {
        this("127.0.0.1");
    }

    /** A receiver on another loopback address: Linux routes all of 127.0.0.0/8 to this host. */
    public TestReceiver(String host) {
        this.host = host;
        server = HttpServer.create().host(host).port(0)
                .doOnChannelInit((observer, channel, remote) -> connections.incrementAndGet())
                .route(r -> r.post("/{path}", (req, res) -> {
                    String path = "/" + req.param("path");
                    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    req.requestHeaders().forEach(e -> headers.put(e.getKey(), e.getValue()));
                    return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
                        received.add(new Received(path, headers, body, System.nanoTime()));
                        int n = counts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
                        Answer a = scripts.getOrDefault(path, i -> Answer.status(200)).apply(n);
                        if (a.unanswered()) {
                            return Mono.never();
                        }
                        res.status(a.status());
                        a.headers().forEach(res::header);
                        Mono<Void> send = res.sendString(Mono.just(a.body())).then();
                        Mono<Void> answer = a.delay().isZero() ? send : Mono.delay(a.delay()).then(send);
                        CompletableFuture<Void> held = holds.get(path);
                        // suppressCancel: a client that gives up on one request must not release the others.
                        return held == null ? answer : Mono.fromFuture(held, true).then(answer);
                    });
                }))
                .bindNow();
    }

    /** Scripts a path: the n-th request (from 1) gets the answer. */
    public TestReceiver on(String path, IntFunction<Answer> script) {
        scripts.put(path, script);
        return this;
    }

    /**
     * Holds the answers to the path, whatever its script says, until {@link #release}: the requests are recorded as
     * they arrive, and stay in flight for the sender.
     */
    public TestReceiver hold(String path) {
        holds.putIfAbsent(path, new CompletableFuture<>());
        return this;
    }

    /** Sends the answers held on the path, and answers its later requests as their script says. */
    public void release(String path) {
        CompletableFuture<Void> held = holds.remove(path);
        if (held != null) {
            held.complete(null);
        }
    }

    public String url(String path) {
        return "http://" + host + ":" + server.port() + path;
    }

    public int port() {
        return server.port();
    }

    /** TCP connections accepted so far, whether or not a request followed. */
    public int connections() {
        return connections.get();
    }

    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
