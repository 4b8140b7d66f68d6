package dev.herald.metrics.micrometer.transport;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP receiver on 127.0.0.1 and an ephemeral port: {@code /fail...} answers 500, {@code /hold...} waits
 * until {@link #release()}, anything else answers 200. It notes when each request arrived.
 */
final class LoopbackReceiver implements AutoCloseable {
    private final DisposableServer server;
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger held = new AtomicInteger();

    LoopbackReceiver() {
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((req, res) -> req.receive().aggregate().asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            arrivals.add(System.nanoTime());
                            String path = URI.create(req.uri()).getPath();
                            if (path.startsWith("/fail")) {
                                return res.status(500).send();
                            }
                            if (path.startsWith("/hold")) {
                                held.incrementAndGet();
                                return Mono.fromFuture(released).then(Mono.defer(() -> res.status(200).send()));
                            }
                            return res.status(200).send();
                        }))
                .bindNow();
    }

    /** {@code http://127.0.0.1:<port><pathAndQuery>}. */
    URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /** Answers every held request, and every later one at once. */
    void release() {
        released.complete(null);
    }

    /** Requests to {@code /hold} that arrived so far. */
    int held() {
        return held.get();
    }

    /** When each request arrived, on {@link System#nanoTime()}'s scale. */
    List<Long> arrivals() {
        return arrivals;
    }

    @Override
    public void close() {
        released.complete(null);
        server.disposeNow();
    }
}
