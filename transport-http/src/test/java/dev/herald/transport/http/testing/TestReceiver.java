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

/**
 * A real HTTP receiver on a loopback address (127.0.0.1 unless told) and an ephemeral port, recording every
 * connection and request it gets.
 */
public final class TestReceiver implements AutoCloseable {

    /** What arrived. */
    public record Received(String method, String uri, HttpHeaders headers, byte[] body) {}

    private final DisposableServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();

    private TestReceiver(String host, int port,
            BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        this.server = HttpServer.create()
                .host(host)
                .port(port)
                .doOnChannelInit((observer, channel, remote) -> connections.incrementAndGet())
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
        return new TestReceiver("127.0.0.1", 0, handler);
    }

    /**
     * Starts a receiver on another loopback address (Linux routes all of 127.0.0.0/8 to this host) and a given
     * port, 0 for any, so that two receivers can share a port and differ only in their address.
     */
    public static TestReceiver startOn(String host, int port,
            BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
        return new TestReceiver(host, port, handler);
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

    /** TCP connections accepted so far, whether or not a request followed. */
    public int connections() {
        return connections.get();
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
