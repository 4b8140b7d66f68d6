package dev.herald.transport.http.internal;

import dev.herald.core.endpoint.HeaderRules;
import dev.herald.core.retry.RetryAfter;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.TransportResponse;
import dev.herald.transport.http.EndpointPolicy;
import dev.herald.transport.http.HttpTransportConfig;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.timeout.WriteTimeoutHandler;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.NettyOutbound;
import reactor.netty.NettyPipeline;
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

    private static final String WRITE_TIMEOUT = "herald.write-timeout";

    private final LoopResources loops;
    private final ConnectionProvider pool;
    private final GuardedAddressResolverGroup resolver;
    private final HttpClient client;
    private final HttpClient insecureClient;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final int maxResponseBodyBytes;
    private final HashedWheelTimer deadlines;

    public PooledHttpClient(HttpTransportConfig config, AddressPolicy policy) {
        this(config, policy, PooledHttpClient::dnsResolver, null);
    }

    /**
     * A client whose host names are looked up by the given resolver instead of DNS; the SSRF guard checks its
     * answers, and the connect-time check the address finally connected to, exactly as with DNS. Tests use it to
     * stand in for a DNS server they cannot run, such as one that rebinds a name between two lookups.
     *
     * @param pools told of every connection pool the client opens and closes, or null to keep no pool numbers
     */
    public PooledHttpClient(HttpTransportConfig config, AddressPolicy policy,
            Function<LoopResources, AddressResolverGroup<InetSocketAddress>> names,
            ConnectionProvider.MeterRegistrar pools) {
        this.readTimeout = config.readTimeout();
        this.maxResponseBodyBytes = config.maxResponseBodyBytes();
        // Ticks of 10 ms: a deadline fires at most one tick late, which no HTTP timeout notices.
        this.deadlines = new HashedWheelTimer(new DefaultThreadFactory("herald-deadlines", true), 10,
                TimeUnit.MILLISECONDS);
        // Own loops rather than reactor-netty's global ones, so that closing the transport frees its threads.
        this.loops = LoopResources.create("herald-http", LoopResources.DEFAULT_IO_WORKER_COUNT, true);
        ConnectionProvider.Builder poolSpec = ConnectionProvider.builder("herald-http")
                .maxConnections(config.maxConnections())
                .maxIdleTime(config.keepAliveIdle())
                .evictInBackground(config.keepAliveIdle())
                .pendingAcquireTimeout(config.poolAcquireTimeout())
                // The dispatcher bounds the attempts per endpoint, and so the waiters; a second bound here would
                // only fail attempts that the dispatcher already let go.
                .pendingAcquireMaxCount(-1);
        if (pools != null) {
            // Only the pools' own numbers, through our registrar, never Micrometer's. The client's per-request
            // metrics (HttpClient.metrics) stay off: they would tag each request with its URI's path.
            poolSpec.metrics(true, () -> pools);
        }
        this.pool = poolSpec.build();
        this.resolver = new GuardedAddressResolverGroup(names.apply(loops), policy);
        ConnectGuard guard = new ConnectGuard(policy);
        this.writeTimeout = config.writeTimeout();
        String userAgent = config.userAgent();
        this.client = HttpClient.create(pool)
                .runOn(loops)
                .resolver(resolver)
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .doOnChannelInit((observer, channel, remote) -> {
                    channel.pipeline().addFirst(ConnectGuard.NAME, guard);
                    if (channel.pipeline().get(NettyPipeline.SslHandler) != null) {
                        addBeforeBridge(channel.pipeline(), PlainAnswerGuard.NAME, new PlainAnswerGuard());
                    }
                })
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

    /** Adds a handler where it sees every error the pipeline raises before reactor-netty's bridge does. */
    private static void addBeforeBridge(ChannelPipeline pipeline, String name, ChannelHandler handler) {
        if (pipeline.get(NettyPipeline.ReactiveBridge) != null) {
            pipeline.addBefore(NettyPipeline.ReactiveBridge, name, handler);
        } else {
            pipeline.addLast(name, handler);
        }
    }

    /** Netty's asynchronous DNS resolver, on the client's own event loops. */
    public static AddressResolverGroup<InetSocketAddress> dnsResolver(LoopResources loops) {
        return NameResolverProvider.builder().build().newNameResolverGroup(loops, LoopResources.DEFAULT_NATIVE);
    }

    /**
     * POSTs the request. The returned Mono emits the answer, whatever its status, or fails with whatever netty
     * threw; the caller classifies failures.
     *
     * @param timeout the longest silence allowed while waiting for the answer; the caller bounds the whole
     *     exchange with {@link #deadline}
     */
    public Mono<TransportResponse> post(OutboundRequest request, Duration timeout, boolean tlsInsecure) {
        // The caller's deadline bounds the whole exchange. The read and write bounds only add a handler when they
        // are tighter than that deadline, which the defaults never are: a handler per request costs a timer task
        // per write or read.
        boolean boundReads = readTimeout.compareTo(timeout) < 0;
        boolean boundWrites = writeTimeout.compareTo(timeout) < 0;
        byte[] body = request.body();
        Map<String, String> headers = request.headers();
        return (tlsInsecure && insecureClient != null ? insecureClient : client)
                .post()
                .uri(request.url())
                .send((req, out) -> {
                    if (boundReads) {
                        req.responseTimeout(readTimeout);
                    }
                    if (headers != null) {
                        headers.forEach((name, value) -> {
                            // Config cannot ask for these; a custom signer's are dropped: the transport sets them.
                            if (!HeaderRules.isReserved(name)) {
                                req.header(name, value);
                            }
                        });
                    }
                    // Wrapping does not copy; the body array is shared and never written to.
                    NettyOutbound outbound = !boundWrites ? out : out.withConnection(c -> c.addHandlerFirst(
                            WRITE_TIMEOUT, new WriteTimeoutHandler(writeTimeout.toMillis(), TimeUnit.MILLISECONDS)));
                    return outbound.send(Mono.fromCallable(() -> Unpooled.wrappedBuffer(body)));
                })
                .response(this::read)
                .single();
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
        String retryAfterHeader = response.responseHeaders().get(HttpHeaderNames.RETRY_AFTER);
        Duration retryAfter = retryAfterHeader == null ? null
                : RetryAfter.parse(retryAfterHeader, Instant.now()).orElse(null);
        return new TransportResponse(response.status().code(), new ResponseHeaders(response.responseHeaders()),
                body.bytes(), body.truncated(), retryAfter);
    }

    /**
     * Runs {@code onExpiry} once {@code delay} has passed unless the returned timeout is cancelled first. One wheel
     * serves every exchange: a request's deadline costs a queue insertion, not a task on a shared scheduler.
     */
    public Timeout deadline(Duration delay, Runnable onExpiry) {
        return deadlines.newTimeout(t -> onExpiry.run(), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        Duration grace = Duration.ofSeconds(5);
        try {
            pool.disposeLater().block(grace);
        } catch (RuntimeException e) {
            LOG.warn("HTTP transport: closing the connection pool failed: {}", e.toString());
        }
        deadlines.stop();
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
