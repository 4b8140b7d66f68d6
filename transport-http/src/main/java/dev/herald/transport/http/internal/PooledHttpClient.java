package dev.herald.transport.http.internal;

import dev.herald.core.endpoint.HeaderRules;
import dev.herald.core.retry.RetryAfter;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.TransportResponse;
import dev.herald.transport.http.EndpointPolicy;
import dev.herald.transport.http.HttpTransportConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.timeout.WriteTimeoutHandler;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.SslProvider;
import reactor.netty.transport.NameResolverProvider;

/**
 * The one reactor-netty client of a transport: its own event loops, one connection pool, the guarded resolver, and
 * the connect-time address check. {@link #close()} releases all of them.
 */
public final class PooledHttpClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PooledHttpClient.class);

    private final LoopResources loops;
    private final ConnectionProvider pool;
    private final GuardedAddressResolverGroup resolver;
    private final HttpClient client;
    private final HttpClient insecureClient;
    private final Duration readTimeout;
    private final int maxResponseBodyBytes;

    public PooledHttpClient(HttpTransportConfig config, AddressPolicy policy) {
        this.readTimeout = config.readTimeout();
        this.maxResponseBodyBytes = config.maxResponseBodyBytes();
        // Own loops rather than reactor-netty's global ones, so that closing the transport frees its threads.
        this.loops = LoopResources.create("herald-http", LoopResources.DEFAULT_IO_WORKER_COUNT, true);
        this.pool = ConnectionProvider.builder("herald-http")
                .maxConnections(config.maxConnections())
                .maxIdleTime(config.keepAliveIdle())
                .evictInBackground(config.keepAliveIdle())
                .pendingAcquireTimeout(config.poolAcquireTimeout())
                // The per-endpoint bulkhead bounds the waiters; a second bound here would only fail requests
                // that the bulkhead already admitted.
                .pendingAcquireMaxCount(-1)
                .build();
        DnsAddressResolverGroup dns = NameResolverProvider.builder().build()
                .newNameResolverGroup(loops, LoopResources.DEFAULT_NATIVE);
        this.resolver = new GuardedAddressResolverGroup(dns, policy);
        ConnectGuard guard = new ConnectGuard(policy);
        long writeTimeoutMillis = config.writeTimeout().toMillis();
        String userAgent = config.userAgent();
        this.client = HttpClient.create(pool)
                .runOn(loops)
                .resolver(resolver)
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .doOnChannelInit((observer, channel, remote) -> channel.pipeline().addFirst(ConnectGuard.NAME, guard))
                .doOnConnected(c -> c.addHandlerLast(
                        new WriteTimeoutHandler(writeTimeoutMillis, TimeUnit.MILLISECONDS)))
                .headers(h -> h.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(HttpHeaderNames.USER_AGENT, userAgent));
        // Same pool, same loops: only TLS verification differs, and only for endpoints that ask for it.
        boolean anyInsecure = config.endpointDefaults().tlsInsecure()
                || config.endpoints().values().stream().anyMatch(EndpointPolicy::tlsInsecure);
        this.insecureClient = !anyInsecure ? null : client.secure(SslProvider.builder()
                .sslContext((SslProvider.GenericSslContextSpec<?>) Http11SslContextSpec.forClient()
                        .configure(b -> b.trustManager(InsecureTrustManagerFactory.INSTANCE)))
                .build());
    }

    /**
     * POSTs the request. The returned Mono emits the answer, whatever its status, or fails with whatever netty
     * threw; the caller classifies failures.
     *
     * @param timeout the bound on the whole exchange, from acquiring a connection to the end of the answer
     */
    public Mono<TransportResponse> post(OutboundRequest request, Duration timeout, boolean tlsInsecure) {
        Duration responseTimeout = timeout.compareTo(readTimeout) < 0 ? timeout : readTimeout;
        byte[] body = request.body();
        Map<String, String> headers = request.headers();
        return (tlsInsecure && insecureClient != null ? insecureClient : client)
                .post()
                .uri(request.url())
                .send((req, out) -> {
                    req.responseTimeout(responseTimeout);
                    if (headers != null) {
                        headers.forEach((name, value) -> {
                            // Config cannot ask for these; a custom signer's are dropped: the transport sets them.
                            if (!HeaderRules.isReserved(name)) {
                                req.header(name, value);
                            }
                        });
                    }
                    // Wrapping does not copy; the body array is shared and never written to.
                    return out.send(Mono.fromCallable(() -> Unpooled.wrappedBuffer(body)));
                })
                .response(this::read)
                .single()
                .timeout(timeout);
    }

    /**
     * Reads the answer, keeping at most the cap. Every chunk is released by reactor-netty once handled; going over
     * the cap cancels the read, which closes the connection instead of draining an unbounded body into the pool.
     */
    private Mono<TransportResponse> read(HttpClientResponse response, ByteBufFlux content) {
        CappedBody body = new CappedBody(maxResponseBodyBytes);
        return content.takeUntil(body::append)
                .then(Mono.fromCallable(() -> toResponse(response, body)));
    }

    private static TransportResponse toResponse(HttpClientResponse response, CappedBody body) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.responseHeaders().forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT),
                e.getValue()));
        Duration retryAfter = RetryAfter.parse(headers.get("retry-after"), Instant.now()).orElse(null);
        return new TransportResponse(response.status().code(), Collections.unmodifiableMap(headers), body.bytes(),
                body.truncated(), retryAfter);
    }

    @Override
    public void close() {
        Duration grace = Duration.ofSeconds(5);
        try {
            pool.disposeLater().block(grace);
        } catch (RuntimeException e) {
            LOG.warn("HTTP transport: closing the connection pool failed: {}", e.toString());
        }
        try {
            resolver.close();
        } catch (RuntimeException e) {
            LOG.warn("HTTP transport: closing the resolver failed: {}", e.toString());
        }
        try {
            loops.disposeLater(Duration.ZERO, grace).block(grace.plusSeconds(1));
        } catch (RuntimeException e) {
            LOG.warn("HTTP transport: stopping the event loops failed: {}", e.toString());
        }
    }
}
