package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.transport.TransportResponse;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.ScriptedNames;
import dev.herald.transport.http.testing.TestReceiver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

/**
 * What an observer of the transport sees against a real receiver: every endpoint once with its live circuit and
 * connection pool, and every wait for a rate limit.
 */
@ExtendWith(NoLeaks.class)
class HttpTransportObserverTest {

    /** Keeps what it was told. */
    private static final class Recorder implements HttpTransportObserver {
        final Map<String, EndpointStatus> endpoints = new ConcurrentHashMap<>();
        final List<String> added = new CopyOnWriteArrayList<>();
        final List<Duration> waits = new CopyOnWriteArrayList<>();
        final List<String> waitThreads = new CopyOnWriteArrayList<>();

        @Override
        public void endpointAdded(String endpointName, EndpointStatus status) {
            added.add(endpointName);
            endpoints.put(endpointName, status);
        }

        @Override
        public void onWait(String endpointName, Duration wait) {
            waits.add(wait);
            waitThreads.add(Thread.currentThread().getName());
        }

        ConnectionPoolStats pool(String endpoint) {
            return endpoints.get(endpoint).connectionPool();
        }
    }

    @Test
    void theConfiguredEndpointsAreAnnouncedAtStartAndAnyOtherOnItsFirstRequestOnce() throws Exception {
        Recorder recorder = new Recorder();
        try (TestReceiver receiver = TestReceiver.answering(200);
                HttpTransport listed = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8").maxConnections(7)
                        .endpointNames("a", "b")
                        .build(), recorder)) {
            assertThat(recorder.added).containsExactly("a", "b");
            assertThat(recorder.endpoints.get("b").circuitState()).isEqualTo(CircuitState.CLOSED);
            assertThat(recorder.pool("b")).isEqualTo(new ConnectionPoolStats(0, 0, 0, 0, 7));
            join(listed.send(Requests.post("a", receiver.url("/"))));
            assertThat(recorder.added).containsExactly("a", "b");
        }

        Recorder any = new Recorder();
        try (TestReceiver receiver = TestReceiver.answering(200);
                HttpTransport open = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8").build(), any)) {
            assertThat(any.added).isEmpty();
            join(open.send(Requests.post("late", receiver.url("/"))));
            join(open.send(Requests.post("late", receiver.url("/"))));
            assertThat(any.added).containsExactly("late");
        }
    }

    @Test
    void theStatusFollowsTheCircuit() throws Exception {
        Recorder recorder = new Recorder();
        try (TestReceiver receiver = TestReceiver.answering(500);
                HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8")
                        .endpointNames("failing", "quiet")
                        .endpoint("failing", p -> p.circuitBreaker(cb -> cb.consecutiveFailures(2)
                                .waitInOpenState(Duration.ofSeconds(30))))
                        .build(), recorder)) {
            join(transport.send(Requests.post("failing", receiver.url("/"))));
            assertThat(recorder.endpoints.get("failing").circuitState()).isEqualTo(CircuitState.CLOSED);
            join(transport.send(Requests.post("failing", receiver.url("/"))));

            assertThat(recorder.endpoints.get("failing").circuitState()).isEqualTo(CircuitState.OPEN)
                    .isEqualTo(transport.circuitState("failing"));
            assertThat(recorder.endpoints.get("quiet").circuitState()).isEqualTo(CircuitState.CLOSED);
        }
    }

    @Test
    void everyAttemptThatWaitsForTheRateLimitIsHeardOnceWithItsWait() throws Exception {
        Recorder recorder = new Recorder();
        List<Duration> heardByListener = new CopyOnWriteArrayList<>();
        ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
        try (TestReceiver receiver = TestReceiver.start((req, res) -> {
                    arrivals.add(System.nanoTime());
                    return res.status(200).send();
                });
                HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8")
                        .endpointNames("limited")
                        .endpoint("limited", p -> p.rateLimit(new RateLimit(2, Duration.ofMillis(300))))
                        .build(), recorder)) {
            transport.addRateLimitListener((name, wait) -> {
                throw new IllegalStateException("a broken listener must not stop the others");
            });
            transport.addRateLimitListener((name, wait) -> heardByListener.add(wait));

            long t0 = System.nanoTime();
            List<CompletableFuture<TransportResponse>> all = IntStream.range(0, 6)
                    .mapToObj(i -> transport.send(Requests.post("limited", receiver.url("/"))).toCompletableFuture())
                    .toList();
            // Each slot is reserved as the request is sent, so the sender hears of every wait before send returns.
            assertThat(recorder.waits).hasSize(4);
            assertThat(recorder.waitThreads).containsOnly(Thread.currentThread().getName());
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(all).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(200));
            // Two went at once; the four that waited arrived in the next two periods.
            long waitedAtTheReceiver = arrivals.stream()
                    .filter(t -> TimeUnit.NANOSECONDS.toMillis(t - t0) >= 250).count();
            assertThat(waitedAtTheReceiver).isEqualTo(recorder.waits.size());
            assertThat(recorder.waits).allSatisfy(w -> assertThat(w).isBetween(Duration.ofMillis(250),
                    Duration.ofMillis(600)));
            assertThat(recorder.waits.stream().filter(w -> w.toMillis() > 450)).hasSize(2);
            assertThat(heardByListener).isEqualTo(recorder.waits);
        }
    }

    @Test
    void thePoolShowsTheConnectionsInUseThoseWaitingAndThenTheIdleOnes() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        Recorder recorder = new Recorder();
        try (TestReceiver holding = TestReceiver.start((req, res) -> Mono.fromFuture(release)
                        .then(Mono.defer(() -> res.status(200).send().then())));
                TestReceiver elsewhere = TestReceiver.answering(200);
                HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8").maxConnections(2)
                        .endpointNames("held", "sibling", "byName", "other")
                        .build(), loops -> new ScriptedNames().answer("receiver.test", "127.0.0.1"), recorder)) {
            URI url = holding.url("/in?token=abc");
            // Same host and port, so the same pool; a host name is a pool of its own, as is another port.
            join(transport.send(Requests.post("other", elsewhere.url("/"))));
            CompletableFuture<TransportResponse> viaName = transport.send(Requests.post("byName",
                    URI.create("http://receiver.test:" + holding.port() + "/in"))).toCompletableFuture();
            List<CompletableFuture<TransportResponse>> held = IntStream.range(0, 3)
                    .mapToObj(i -> transport.send(Requests.post("held", url)).toCompletableFuture())
                    .toList();
            CompletableFuture<TransportResponse> fromSibling = transport.send(Requests.post("sibling", url))
                    .toCompletableFuture();

            // Two of the four to that pool hold its two connections; the receiver has them and the one by name.
            await().atMost(Duration.ofSeconds(5)).until(() -> holding.hits("/in") == 3
                    && recorder.pool("held").pending() == 2 && recorder.pool("other").idle() == 1);
            assertThat(recorder.pool("held")).isEqualTo(new ConnectionPoolStats(2, 2, 0, 2, 2));
            assertThat(recorder.pool("sibling")).isEqualTo(recorder.pool("held"));
            assertThat(recorder.pool("byName")).isEqualTo(new ConnectionPoolStats(1, 1, 0, 0, 2));
            assertThat(recorder.pool("other")).isEqualTo(new ConnectionPoolStats(1, 0, 1, 0, 2));

            release.complete(null);
            CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(join(fromSibling).status()).isEqualTo(200);
            assertThat(join(viaName).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.pool("held").idle() == 2);
            assertThat(recorder.pool("held")).isEqualTo(new ConnectionPoolStats(2, 0, 2, 0, 2));
            assertThat(holding.connections()).isEqualTo(3);
        }
    }

    @Test
    void aFailingObserverNeitherStopsTheTransportNorItsRequests() throws Exception {
        HttpTransportObserver broken = new HttpTransportObserver() {
            @Override
            public void endpointAdded(String endpointName, EndpointStatus status) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void onWait(String endpointName, Duration wait) {
                throw new IllegalStateException("broken");
            }
        };
        try (TestReceiver receiver = TestReceiver.answering(204);
                HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8")
                        .endpointNames("limited")
                        .endpoint("limited", p -> p.rateLimit(new RateLimit(1, Duration.ofMillis(100))))
                        .build(), broken)) {
            assertThat(join(transport.send(Requests.post("limited", receiver.url("/")))).status()).isEqualTo(204);
            assertThat(join(transport.send(Requests.post("limited", receiver.url("/")))).status()).isEqualTo(204);
        }
    }

    private static TransportResponse join(java.util.concurrent.CompletionStage<TransportResponse> stage)
            throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
