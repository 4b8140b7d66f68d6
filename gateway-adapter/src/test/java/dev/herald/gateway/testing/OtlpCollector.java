package dev.herald.gateway.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * An OpenTelemetry collector's OTLP/HTTP receiver on a loopback port, as far as a test needs one: it records every
 * POST ({@code /v1/metrics}, {@code /v1/traces}) with its headers and protobuf body and answers 200.
 */
public final class OtlpCollector implements AutoCloseable {
    /** One POST: its path, headers (names in any case) and body. */
    public record Post(String path, Map<String, String> headers, byte[] body) {
        /** Whether the protobuf body holds this text (a meter's or span's name, an attribute) as its bytes. */
        public boolean holds(String text) {
            byte[] needle = text.getBytes(StandardCharsets.UTF_8);
            outer:
            for (int i = 0; i + needle.length <= body.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (body[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<Post> posts = new CopyOnWriteArrayList<>();

    public OtlpCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
                byte[] body = in.readAllBytes();
                if (exchange.getRequestMethod().equals("POST")) {
                    posts.add(new Post(exchange.getRequestURI().getPath(), headers, body));
                }
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** {@code http://127.0.0.1:port}, what {@code OTEL_EXPORTER_OTLP_ENDPOINT} names. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The POSTs to this path so far. */
    public List<Post> posts(String path) {
        return posts.stream().filter(p -> p.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
