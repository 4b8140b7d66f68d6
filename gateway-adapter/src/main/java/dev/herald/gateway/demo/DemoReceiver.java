package dev.herald.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.auth.SeedHmacVerifier;
import dev.herald.auth.SignatureVerificationException;
import dev.herald.auth.StandardWebhooksVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The demo's receiver: a real HTTP server on an ephemeral loopback port that verifies every request's
 * authentication, as a careful receiver would, and misbehaves on purpose so that retries show: on the first
 * attempt of some events it answers 503 with {@code Retry-After}, 429, or 500; {@code /gone} always answers 410.
 */
public final class DemoReceiver implements AutoCloseable {
    /** The paths, one per signing scheme. */
    public static final String STANDARD = "/standard-webhooks";
    public static final String HMAC = "/seed-hmac";
    public static final String BEARER = "/bearer";
    public static final String GONE = "/gone";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StandardWebhooksVerifier standard;
    private final SeedHmacVerifier hmac;
    private final byte[] bearerHeader;
    private final DisposableServer server;
    private final Map<String, AtomicInteger> attemptsByEvent = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> verified = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();

    public DemoReceiver(String standardSecret, String hmacSecret, String bearerToken) {
        this.standard = StandardWebhooksVerifier.of(standardSecret);
        this.hmac = SeedHmacVerifier.of(hmacSecret);
        this.bearerHeader = ("Bearer " + bearerToken).getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/{path}", this::handle))
                .bindNow();
    }

    public int port() {
        return server.port();
    }

    /** The URL of a path on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Requests to the path whose authentication verified. */
    public int verified(String path) {
        return count(verified, path);
    }

    /** Requests to the path whose authentication did not verify. */
    public int refused(String path) {
        return count(refused, path);
    }

    private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        String path = "/" + request.param("path");
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.requestHeaders().forEach(e -> headers.put(e.getKey(), e.getValue()));
        return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            Reply reply = reply(path, headers, body);
            response.status(reply.status);
            if (reply.retryAfter != null) {
                response.header("Retry-After", reply.retryAfter);
            }
            return response.sendString(Mono.just(reply.text)).then();
        });
    }

    private Reply reply(String path, Map<String, String> headers, byte[] body) {
        if (path.equals(GONE)) {
            return new Reply(410, null, "this endpoint was retired");
        }
        if (!authentic(path, headers, body)) {
            refused.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            return new Reply(401, null, "signature did not verify");
        }
        verified.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        int index = eventIndex(body);
        int attempt = attemptsByEvent.computeIfAbsent(path + " " + index, k -> new AtomicInteger())
                .incrementAndGet();
        if (attempt == 1) {
            switch (index % 10) {
                case 3:
                    return new Reply(503, "1", "maintenance, come back in a second");
                case 5:
                    return new Reply(429, "1", "slow down");
                case 7:
                    return new Reply(500, null, "transient failure");
                default:
                    break;
            }
        }
        return new Reply(200, null, "{\"ok\":true}");
    }

    private boolean authentic(String path, Map<String, String> headers, byte[] body) {
        try {
            switch (path) {
                case STANDARD -> standard.verify(headers, body);
                case HMAC -> hmac.verify(headers, body);
                case BEARER -> {
                    String auth = headers.get("Authorization");
                    return auth != null && MessageDigest.isEqual(bearerHeader, auth.getBytes(StandardCharsets.UTF_8));
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (SignatureVerificationException e) {
            return false;
        }
    }

    /** The event's number, from the request id the demo gave it ({@code req-00042}); -1 when absent. */
    private static int eventIndex(byte[] body) {
        try {
            JsonNode id = JSON.readTree(body).path("request_id");
            return id.isTextual() ? Integer.parseInt(id.asText().substring(4)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static int count(Map<String, AtomicInteger> counts, String path) {
        AtomicInteger c = counts.get(path);
        return c == null ? 0 : c.get();
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    private record Reply(int status, String retryAfter, String text) {}
}
