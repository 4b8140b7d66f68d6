package dev.herald.transport.http.testing;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** A real HTTP receiver on 127.0.0.1 and an ephemeral port, recording every request it gets. */
public final class TestReceiver implements AutoCloseable {

    /** What arrived. */
    public record Received(String method, String uri, HttpHeaders headers, byte[] body) {}

    private final DisposableServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private TestReceiver(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((req, res) -> req.receive().aggregate().asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            String path = URI.create(req.uri()).getPath();
                            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                            received.add(new Received(req.method().name(), req.uri(), req.requestHeaders().copy(),
                                    body));
                            return Mono.from(handler.apply(req, res));
                        }))
                .bindNow();
    }

    /** Starts a receiver that answers every request with the handler. */
    public static TestReceiver start(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        return new TestReceiver(handler);
    }

    /** Starts a receiver that answers every request with the status and no body. */
    public static TestReceiver answering(int status) {
        return start((req, res) -> res.status(status).send());
    }

    public int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port><pathAndQuery>}. */
    public URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public BlockingQueue<Received> received() {
        return received;
    }

    /** Requests to the path so far. */
    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
