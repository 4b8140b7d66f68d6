package dev.herald.benchmarks.load;

import io.netty.buffer.Unpooled;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The ceiling of Herald's HTTP library: a bare reactor-netty {@code HttpClient} with a pool as large as the
 * deliveries in flight, and nothing of Herald's transport around it (no endpoint gate, no circuit breaker, no SSRF
 * guard, no deadline). How far Herald's end-to-end rate can go while it sends through reactor-netty.
 */
public final class ReactorNettyBaselineLoad extends BaselineLoad {
    private final ConnectionProvider pool;
    private final HttpClient client;

    /** Prepares the client; nothing is sent before {@link #run()}. */
    public ReactorNettyBaselineLoad(LoadSpec spec) {
        super(spec);
        this.pool = ConnectionProvider.builder("baseline").maxConnections(spec.concurrency()).build();
        this.client = HttpClient.create(pool).followRedirect(false);
    }

    @Override
    protected void post(byte[] body, Map<String, String> headers, DeliveryWindow window) {
        client.headers(h -> headers.forEach(h::set))
                .post()
                .uri(spec.url())
                .send(Mono.fromCallable(() -> Unpooled.wrappedBuffer(body)))
                .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
                .timeout(LoadSpec.REQUEST_TIMEOUT)
                .subscribe(status -> window.completed(status / 100 == 2), error -> window.completed(false));
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
