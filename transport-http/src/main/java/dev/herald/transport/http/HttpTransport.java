package dev.herald.transport.http;

import dev.herald.core.endpoint.HeaderRules;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.Transport;
import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.core.transport.TransportResponse;
import dev.herald.transport.http.internal.AddressPolicy;
import dev.herald.transport.http.internal.CidrRange;
import dev.herald.transport.http.internal.EndpointGate;
import dev.herald.transport.http.internal.EndpointGate.Outcome;
import dev.herald.transport.http.internal.EndpointPools;
import dev.herald.transport.http.internal.FailureClassifier;
import dev.herald.transport.http.internal.HostLiteral;
import dev.herald.transport.http.internal.PooledHttpClient;
import dev.herald.transport.http.internal.SafeUrl;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.Timeout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * Herald's HTTP transport: POSTs each request with reactor-netty, through one pooled client, behind an SSRF guard
 * and a per-endpoint circuit breaker and rate limit. How many attempts are in flight to an endpoint is the
 * dispatcher's to bound ({@code max_in_flight_per_endpoint}); the transport adds no bound or queue of its own.
 *
 * <p>{@link #send} never blocks. Its stage completes with the endpoint's answer, whatever the status (redirects
 * are returned, not followed), or exceptionally with a {@link TransportException}: {@code CONNECT},
 * {@code TIMEOUT} or {@code IO} for network trouble, {@code BLOCKED} when the guard refuses the address,
 * {@code INVALID} for a request that can never be sent, {@code OVERLOADED} when the endpoint's circuit or rate
 * limit cannot let it through before its deadline. While an endpoint's circuit is open, or its rate limit is
 * reached, a request waits as long as its deadline ({@link OutboundRequest#deadlineNanos()}) allows and no longer;
 * whatever it waited is taken from the time its exchange gets, so that no attempt outlives its deadline. Header values are never logged.
 *
 * <p>What it does can be watched: {@link #addCircuitListener} hears every change of a circuit,
 * {@link #addRateLimitListener} every wait for a rate limit, and an {@link HttpTransportObserver} given to the
 * constructor learns of every endpoint, with a live view of its circuit and its connection pool, for metrics.
 *
 * <p>Thread-safe. Create one per application and {@link #close()} it on shutdown.
 */
public final class HttpTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    private final HttpTransportConfig config;
    private final AddressPolicy addressPolicy;
    private final PooledHttpClient client;
    private final Map<String, EndpointGate> gates = new ConcurrentHashMap<>();
    private final List<CircuitListener> circuitListeners = new CopyOnWriteArrayList<>();
    private final List<RateLimitListener> rateLimitListeners = new CopyOnWriteArrayList<>();
    private final Set<Attempt> inFlight = ConcurrentHashMap.newKeySet();
    private final HttpTransportObserver observer;
    private final EndpointPools pools;
    private final Set<String> observedEndpoints = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A transport without an observer, which keeps no connection pool numbers; listeners may still be added. */
    public HttpTransport(HttpTransportConfig config) {
        this(config, PooledHttpClient::dnsResolver, null);
    }

    /**
     * A transport that tells {@code observer} of each endpoint it serves, the config's endpoints at once, and of
     * every rate-limit wait (the observer is its first {@link RateLimitListener}); see
     * {@link HttpTransportObserver}. Only such a transport keeps its connection pools' numbers.
     */
    public HttpTransport(HttpTransportConfig config, HttpTransportObserver observer) {
        this(config, PooledHttpClient::dnsResolver, Objects.requireNonNull(observer, "observer"));
    }

    /** A transport that looks host names up with the given resolver instead of DNS; guarded all the same. */
    HttpTransport(HttpTransportConfig config, Function<LoopResources, AddressResolverGroup<InetSocketAddress>> names) {
        this(config, names, null);
    }

    /** As {@link #HttpTransport(HttpTransportConfig, Function)}, observed unless {@code observer} is null. */
    HttpTransport(HttpTransportConfig config, Function<LoopResources, AddressResolverGroup<InetSocketAddress>> names,
            HttpTransportObserver observer) {
        this.config = Objects.requireNonNull(config, "config");
        this.addressPolicy = AddressPolicy.allowing(config.allowedNetworks().stream().map(CidrRange::parse).toList());
        warnAboutInsecureTls(config);
        this.observer = observer;
        this.pools = observer == null ? null : new EndpointPools(config.maxConnections());
        this.client = new PooledHttpClient(config, addressPolicy, names, pools);
        if (observer != null) {
            rateLimitListeners.add(observer);
            // Last, once every field is set: the observer may read the status it is given at once.
            config.endpointNames().forEach(this::announce);
        }
    }

    /**
     * Starts sending the request. The stage is a {@link CompletableFuture}: cancelling it (through
     * {@link CompletionStage#toCompletableFuture()}) ends the exchange and returns or closes its connection.
     */
    @Override
    public CompletionStage<TransportResponse> send(OutboundRequest request) {
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new TransportException(Kind.IO, "the HTTP transport is closed"));
            return result;
        }
        EndpointGate gate;
        try {
            gate = check(request);
        } catch (TransportException e) {
            LOG.debug("{}: not sent: {}", request, e.getMessage());
            result.completeExceptionally(e);
            return result;
        }
        gate.submit(new Attempt(request, gate.policy(), result));
        return result;
    }

    /** The state of the named endpoint's circuit; {@code CLOSED} for an endpoint not yet called. */
    public CircuitState circuitState(String endpointName) {
        EndpointGate gate = gates.get(endpointName);
        return gate == null ? CircuitState.CLOSED : gate.circuitState();
    }

    /** Tells the listener of every change of every endpoint's circuit from now on. */
    public void addCircuitListener(CircuitListener listener) {
        circuitListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Tells the listener of every wait for any endpoint's rate limit from now on. */
    public void addRateLimitListener(RateLimitListener listener) {
        rateLimitListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void rateLimitWait(String endpointName, Duration wait) {
        for (RateLimitListener l : rateLimitListeners) {
            try {
                l.onWait(endpointName, wait);
            } catch (RuntimeException e) {
                LOG.warn("endpoint '{}': a rate-limit listener failed: {}", endpointName, e.toString());
            }
        }
    }

    /** Tells the observer, if any, of an endpoint it has not heard of yet. */
    private void announce(String endpointName) {
        if (observer == null || !observedEndpoints.add(endpointName)) {
            return;
        }
        try {
            observer.endpointAdded(endpointName, new LiveStatus(endpointName));
        } catch (RuntimeException e) {
            LOG.warn("endpoint '{}': the transport's observer failed: {}", endpointName, e.toString());
        }
    }

    /** An endpoint's circuit and pool, read whenever asked. */
    private final class LiveStatus implements EndpointStatus {
        private final String endpointName;

        LiveStatus(String endpointName) {
            this.endpointName = endpointName;
        }

        @Override
        public CircuitState circuitState() {
            return HttpTransport.this.circuitState(endpointName);
        }

        @Override
        public ConnectionPoolStats connectionPool() {
            return pools.stats(endpointName);
        }

        @Override
        public String toString() {
            return "endpoint '" + endpointName + "'";
        }
    }

    private void circuitChanged(String endpointName, CircuitState from, CircuitState to) {
        for (CircuitListener l : circuitListeners) {
            try {
                l.onTransition(endpointName, from, to);
            } catch (RuntimeException e) {
                LOG.warn("endpoint '{}': a circuit listener failed: {}", endpointName, e.toString());
            }
        }
    }

    /** Requests to the named endpoint that wait for the circuit or the rate limit. */
    public int queuedRequests(String endpointName) {
        EndpointGate gate = gates.get(endpointName);
        return gate == null ? 0 : gate.queued();
    }

    /** Requests to the named endpoint that are being sent or waiting for their answer. */
    public int inFlightRequests(String endpointName) {
        EndpointGate gate = gates.get(endpointName);
        return gate == null ? 0 : gate.inFlight();
    }

    /**
     * Refuses waiting requests, calls off those in flight, closes every connection and stops the transport's
     * threads. A request called off fails with an {@code IO} error that says the transport closed; it says nothing
     * about its endpoint, so it does not count against the endpoint's circuit.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        gates.values().forEach(EndpointGate::close);
        inFlight.forEach(Attempt::callOff);
        client.close();
    }

    /**
     * Refuses what can be refused before queueing: nothing about it will change on another attempt. Returns the
     * endpoint's gate. An endpoint sends to the same URL object every time, so its URL is checked once.
     */
    private EndpointGate check(OutboundRequest request) {
        URI url = request.url();
        if (request.endpointName() == null) {
            throw new TransportException(Kind.INVALID, where(request) + ": the request names no endpoint");
        }
        EndpointGate gate = gates.get(request.endpointName());
        if (gate == null) {
            EndpointPolicy policy;
            try {
                policy = config.policyFor(request.endpointName());
            } catch (IllegalArgumentException e) {
                // Final: the config and the dispatcher disagree on the endpoints, which no retry changes.
                throw new TransportException(Kind.INVALID, e.getMessage());
            }
            gate = gates.computeIfAbsent(request.endpointName(), name -> new EndpointGate(name, policy,
                    Schedulers.parallel(), this::circuitChanged, this::rateLimitWait));
            // Outside computeIfAbsent: the observer's work is no reason to hold the map's bin.
            announce(request.endpointName());
        }
        if (url == null || url != gate.checkedUrl()) {
            checkUrl(request);
            gate.checkedUrl(url);
            if (pools != null) {
                pools.sendsTo(request.endpointName(), url);
            }
        }
        if (request.body() == null) {
            throw new TransportException(Kind.INVALID, where(request) + ": the request has no body");
        }
        if (request.body().length > config.maxRequestBodyBytes()) {
            throw new TransportException(Kind.INVALID, where(request) + ": the body has " + request.body().length
                    + " bytes, more than max_request_body_bytes (" + config.maxRequestBodyBytes() + ")");
        }
        if (request.headers() != null) {
            request.headers().forEach((name, value) -> {
                try {
                    HeaderRules.requireValidName(name, "header");
                    HeaderRules.requireValidValue(value, "header '" + name + "'");
                } catch (IllegalArgumentException e) {
                    throw new TransportException(Kind.INVALID, where(request) + ": " + e.getMessage());
                }
            });
        }
        return gate;
    }

    private void checkUrl(OutboundRequest request) {
        URI url = request.url();
        String where = where(request);
        if (url == null || !url.isAbsolute()) {
            throw new TransportException(Kind.INVALID, where + ": the URL is not absolute");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new TransportException(Kind.INVALID, where + ": scheme '" + scheme + "' is not http or https");
        }
        HostLiteral host;
        try {
            host = HostLiteral.of(url);
        } catch (IllegalArgumentException e) {
            throw new TransportException(Kind.INVALID, where + ": " + e.getMessage());
        }
        // Host names are checked once resolved, on the address actually connected to.
        host.address().ifPresent(address -> checkLiteral(where, host, address));
    }

    private static String where(OutboundRequest request) {
        return "endpoint '" + request.endpointName() + "' (" + SafeUrl.of(request.url()) + ")";
    }

    private void checkLiteral(String where, HostLiteral host, InetAddress address) {
        String written = host.standard() ? host.host()
                : host.host() + " (" + AddressPolicy.describe(address) + " in another notation)";
        addressPolicy.refusal(address).ifPresent(reason -> {
            throw new TransportException(Kind.BLOCKED, where + ": refused to connect to " + written + ": "
                    + reason + " is not a public address; list it in allowed_networks to reach it");
        });
        if (!host.standard()) {
            // Netty would look this up as a name rather than read it as the address browsers and curl read.
            throw new TransportException(Kind.INVALID, where + ": host " + written
                    + " is not written as four decimal numbers; write it as " + AddressPolicy.describe(address));
        }
    }

    private static void warnAboutInsecureTls(HttpTransportConfig config) {
        if (config.endpointDefaults().tlsInsecure()) {
            LOG.warn("HTTP transport: tls_insecure is on for every endpoint without its own settings; their"
                    + " certificates and host names are NOT verified");
        }
        config.endpoints().forEach((name, policy) -> {
            if (policy.tlsInsecure()) {
                LOG.warn("HTTP transport: tls_insecure is on for endpoint '{}'; its certificate and host name are"
                        + " NOT verified", name);
            }
        });
    }

    /** One request on its way through the endpoint's gate and the client. */
    private final class Attempt implements EndpointGate.Admission {
        private final OutboundRequest request;
        private final EndpointPolicy policy;
        private final CompletableFuture<TransportResponse> result;
        private volatile Disposable exchange;

        Attempt(OutboundRequest request, EndpointPolicy policy, CompletableFuture<TransportResponse> result) {
            this.request = request;
            this.policy = policy;
            this.result = result;
        }

        @Override
        public void start(EndpointGate.Permit permit) {
            Duration bound = request.timeout() != null && !request.timeout().isNegative()
                    && !request.timeout().isZero() ? request.timeout() : config.readTimeout();
            // The exchange gets what is left of the attempt's deadline after waiting for the circuit or the rate
            // limit, and never more than the bound: the deadline, not the moment of sending, ends the attempt.
            long remainingNanos = Math.min(bound.toNanos(), request.remainingNanos(System.nanoTime()));
            if (remainingNanos <= 0) {
                // Its rate-limit slot came, but the timer that started it came after the deadline.
                fail(permit, Outcome.NEUTRAL, new TransportException(Kind.OVERLOADED, "endpoint '"
                        + request.endpointName() + "': not sent: the attempt's deadline passed while it waited to"
                        + " be let through (" + bound.toMillis() + " ms timeout)"));
                return;
            }
            Duration timeout = remainingNanos == bound.toNanos() ? bound : Duration.ofNanos(remainingNanos);
            inFlight.add(this);
            exchange = client.post(request, timeout, policy.tlsInsecure())
                    .doOnCancel(() -> permit.finish(Outcome.NEUTRAL, null))
                    .subscribe(response -> {
                        // The outcome is recorded first, so that whoever sees the answer sees the circuit too.
                        if (isEndpointFailure(response.status())) {
                            permit.finish(Outcome.FAILURE,
                                    new EndpointGate.EndpointFailure("HTTP " + response.status()));
                        } else {
                            permit.finish(Outcome.SUCCESS, null);
                        }
                        result.complete(response);
                    }, error -> fail(permit, FailureClassifier.classify(error, where(), timeout)));
            // One deadline bounds the whole exchange: acquiring a connection, connecting, writing, and reading.
            Timeout deadline = client.deadline(timeout, () -> {
                if (!result.isDone()) {
                    fail(permit, new TransportException(Kind.TIMEOUT, where() + ": no complete answer within "
                            + timeout.toMillis() + " ms" + (timeout == bound ? ""
                                    : " (what was left of its " + bound.toMillis() + " ms timeout after waiting)")));
                    exchange.dispose();
                }
            });
            // A caller that cancels its future gets its connection back to the pool, or closed.
            result.whenComplete((r, e) -> {
                deadline.cancel();
                inFlight.remove(this);
                if (result.isCancelled()) {
                    exchange.dispose();
                }
            });
            if (closed) {
                // close() may have looked at the requests in flight before this one joined them.
                callOff();
            }
        }

        /** Ends the exchange without blaming the endpoint: the transport is closing. */
        void callOff() {
            Disposable e = exchange;
            if (e != null) {
                e.dispose();
            }
            result.completeExceptionally(new TransportException(Kind.IO, "endpoint '" + request.endpointName()
                    + "': the transport closed before the answer came"));
        }

        private void fail(EndpointGate.Permit permit, TransportException te) {
            fail(permit, te.retryable() ? Outcome.FAILURE : Outcome.NEUTRAL, te);
        }

        private void fail(EndpointGate.Permit permit, Outcome outcome, TransportException te) {
            permit.finish(outcome, te);
            LOG.debug("{}: {} {}", request, te.kind(), te.getMessage());
            result.completeExceptionally(te);
        }

        private String where() {
            return HttpTransport.where(request);
        }

        @Override
        public void refuse(TransportException reason) {
            result.completeExceptionally(reason);
        }

        @Override
        public boolean abandoned() {
            return result.isDone();
        }

        @Override
        public long deadlineNanos() {
            return request.deadlineNanos();
        }
    }

    /** Answers that say the endpoint is in trouble; other 4xx say the request is wrong, not the endpoint. */
    private static boolean isEndpointFailure(int status) {
        return status >= 500 || status == 408 || status == 429;
    }
}
