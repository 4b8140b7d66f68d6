package dev.herald.metrics.micrometer.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.TransportResponse;
import dev.herald.transport.http.HttpTransport;
import dev.herald.transport.http.HttpTransportConfig;
import dev.herald.transport.http.HttpTransportModule;
import dev.herald.transport.http.RateLimit;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport's meters against a real loopback receiver read what the receiver and the transport went through. */
class HttpTransportMetersTest {
    private static final Set<String> ENDPOINTS = Set.of("failing", "healthy", "limited", "held");

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final LoopbackReceiver receiver = new LoopbackReceiver();
    private HttpTransport transport;

    /** A transport built by Guice as Herald builds it: the metrics module overrides the standard ones. */
    private HttpTransport start(HttpTransportConfig.Builder config) {
        Module registryModule = b -> b.bind(MeterRegistry.class).toInstance(registry);
        transport = Guice.createInjector(Modules.override(new HttpTransportModule(config
                        .allowNetwork("127.0.0.0/8")
                        .endpointNames(ENDPOINTS)
                        .build()))
                .with(new HttpTransportMetricsModule(), registryModule))
                .getInstance(HttpTransport.class);
        return transport;
    }

    @AfterEach
    void stop() {
        try {
            assertNoTagNamesAUrl();
        } finally {
            if (transport != null) {
                transport.close();
            }
            receiver.close();
        }
    }

    private CompletableFuture<TransportResponse> send(String endpoint, String pathAndQuery) {
        OutboundRequest request = new OutboundRequest(endpoint, receiver.url(pathAndQuery), Map.of(),
                "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10), "d-" + endpoint, 1);
        return transport.send(request).toCompletableFuture();
    }

    private double gauge(String name, String endpoint, String state) {
        var search = registry.get(name).tag("endpoint", endpoint);
        return (state == null ? search : search.tag("state", state)).gauge().value();
    }

    private double circuit(String endpoint, String state) {
        return gauge(HttpTransportMeters.CIRCUIT_STATE, endpoint, state);
    }

    private Timer waits(String endpoint) {
        return registry.get(HttpTransportMeters.RATE_LIMIT_WAIT).tag("endpoint", endpoint).timer();
    }

    @Test
    void theCircuitGaugeReadsOpenForTheFailingEndpointAndClosedForTheOthers() throws Exception {
        start(HttpTransportConfig.builder().endpoint("failing", p -> p.circuitBreaker(cb -> cb
                .consecutiveFailures(3).waitInOpenState(Duration.ofSeconds(60)))));
        // Registered at start, before any request.
        for (String endpoint : ENDPOINTS) {
            assertThat(circuit(endpoint, "closed")).isEqualTo(1);
            assertThat(circuit(endpoint, "open")).isZero();
            assertThat(circuit(endpoint, "half_open")).isZero();
        }

        for (int i = 0; i < 2; i++) {
            assertThat(send("failing", "/fail").get(10, TimeUnit.SECONDS).status()).isEqualTo(500);
        }
        assertThat(circuit("failing", "closed")).isEqualTo(1);
        assertThat(send("failing", "/fail").get(10, TimeUnit.SECONDS).status()).isEqualTo(500);
        assertThat(send("healthy", "/ok").get(10, TimeUnit.SECONDS).status()).isEqualTo(200);

        assertThat(circuit("failing", "open")).isEqualTo(1);
        assertThat(circuit("failing", "closed")).isZero();
        assertThat(circuit("failing", "half_open")).isZero();
        assertThat(circuit("healthy", "closed")).isEqualTo(1);
        assertThat(circuit("healthy", "open")).isZero();
        assertThat(registry.find(HttpTransportMeters.CIRCUIT_STATE).gauges()).hasSize(3 * ENDPOINTS.size());
    }

    @Test
    void theWaitTimerCountsEachAttemptThatWaitedForTheRateLimit() throws Exception {
        Duration period = Duration.ofMillis(300);
        start(HttpTransportConfig.builder().endpoint("limited", p -> p.rateLimit(new RateLimit(2, period))));
        int attempts = 7;

        long t0 = System.nanoTime();
        List<CompletableFuture<TransportResponse>> all = IntStream.range(0, attempts)
                .mapToObj(i -> send("limited", "/in"))
                .toList();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(all).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(200));
        // Two per period: two at once, then two in each of the next two periods and one in the third.
        long waitedAtTheReceiver = receiver.arrivals().stream()
                .filter(t -> TimeUnit.NANOSECONDS.toMillis(t - t0) >= period.toMillis() - 50).count();
        assertThat(send("healthy", "/in").get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        Timer limited = waits("limited");
        assertThat(limited.count()).isEqualTo(5).isEqualTo(waitedAtTheReceiver).isLessThanOrEqualTo(attempts);
        // 2 x 300 + 2 x 600 + 900 ms, less the moments spent sending.
        assertThat(limited.totalTime(TimeUnit.MILLISECONDS)).isBetween(2_400.0, 2_700.0);
        assertThat(limited.max(TimeUnit.MILLISECONDS)).isBetween(800.0, 900.0);
        assertThat(waits("healthy").count()).isZero();
    }

    @Test
    void thePoolGaugesShowTheHeldRequestsActiveAndTheirConnectionsIdleAfter() throws Exception {
        start(HttpTransportConfig.builder().maxConnections(3));
        assertThat(gauge(HttpTransportMeters.POOL_MAX, "held", null)).isEqualTo(3);
        assertThat(gauge(HttpTransportMeters.POOL_CONNECTIONS, "held", "active")).isZero();

        List<CompletableFuture<TransportResponse>> held = IntStream.range(0, 4)
                .mapToObj(i -> send("held", "/hold?token=abc"))
                .toList();
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.held() == 3
                && gauge(HttpTransportMeters.POOL_PENDING, "held", null) == 1);
        assertThat(gauge(HttpTransportMeters.POOL_CONNECTIONS, "held", "active")).isEqualTo(3);
        assertThat(gauge(HttpTransportMeters.POOL_CONNECTIONS, "held", "idle")).isZero();
        assertThat(gauge(HttpTransportMeters.POOL_MAX, "held", null)).isEqualTo(3);
        assertThat(held).noneMatch(CompletableFuture::isDone);

        receiver.release();
        CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(receiver.held()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> gauge(HttpTransportMeters.POOL_CONNECTIONS, "held", "idle") == 3);
        assertThat(gauge(HttpTransportMeters.POOL_CONNECTIONS, "held", "active")).isZero();
        assertThat(gauge(HttpTransportMeters.POOL_PENDING, "held", null)).isZero();
    }

    @Test
    void aSecondTransportOnTheSameRegistryTakesOverTheGauges() throws Exception {
        HttpTransport first = start(HttpTransportConfig.builder().endpoint("failing", p -> p.circuitBreaker(cb -> cb
                .consecutiveFailures(1).waitInOpenState(Duration.ofSeconds(60)))));
        send("failing", "/fail").get(10, TimeUnit.SECONDS);
        assertThat(circuit("failing", "open")).isEqualTo(1);
        first.close();

        start(HttpTransportConfig.builder());
        assertThat(circuit("failing", "open")).isZero();
        assertThat(circuit("failing", "closed")).isEqualTo(1);
        assertThat(registry.find(HttpTransportMeters.CIRCUIT_STATE).gauges()).hasSize(3 * ENDPOINTS.size());
    }

    /** Every tag is an endpoint's name or a state: never a host, a port, a path or a query. */
    private void assertNoTagNamesAUrl() {
        Set<String> states = Set.of("closed", "open", "half_open", "active", "idle");
        URI url = receiver.url("/");
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getKey()).isIn("endpoint", "state");
                assertThat(tag.getValue()).isIn(tag.getKey().equals("endpoint") ? ENDPOINTS : states)
                        .doesNotContain(url.getHost()).doesNotContain(String.valueOf(url.getPort()));
            }
        }
        assertThat(registry.getMeters()).isNotEmpty();
    }
}
