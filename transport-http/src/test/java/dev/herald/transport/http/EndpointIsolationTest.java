package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.core.transport.TransportResponse;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.TestReceiver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

/** One endpoint's trouble stays its own, and the transport holds back nothing the dispatcher lets go. */
@ExtendWith(NoLeaks.class)
class EndpointIsolationTest {

    @Test
    void aSlowEndpointDoesNotSlowAFastOne() throws Exception {
        try (TestReceiver slow = TestReceiver.start((req, res) -> Mono.delay(Duration.ofSeconds(2))
                        .then(Mono.defer(() -> res.status(200).send().then())));
                TestReceiver fast = TestReceiver.answering(200);
                HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8")
                        .build())) {
            List<CompletableFuture<TransportResponse>> slowOnes = IntStream.range(0, 4)
                    .mapToObj(i -> transport.send(Requests.post("slow", slow.url("/"))).toCompletableFuture())
                    .toList();
            await().atMost(Duration.ofSeconds(2)).until(() -> transport.inFlightRequests("slow") == 4);
            assertThat(transport.queuedRequests("slow")).isZero();

            long t0 = System.nanoTime();
            List<CompletableFuture<TransportResponse>> fastOnes = IntStream.range(0, 10)
                    .mapToObj(i -> transport.send(Requests.post("fast", fast.url("/"))).toCompletableFuture())
                    .toList();
            CompletableFuture.allOf(fastOnes.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            long fastMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertThat(fastOnes).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(200));
            assertThat(slowOnes).noneMatch(CompletableFuture::isDone);
            assertThat(fastMillis).isLessThan(1_500);

            CompletableFuture.allOf(slowOnes.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
            assertThat(slowOnes).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(200));
        }
    }

    @Test
    void manyConcurrentAttemptsOnOneEndpointAreAllLetThrough() throws Exception {
        // Three times the dispatcher's default bound: the transport adds no bound of its own, so it neither
        // refuses nor holds back what the dispatcher lets go.
        int attempts = 192;
        try (TestReceiver slow = TestReceiver.start((req, res) -> Mono.delay(Duration.ofMillis(500))
                        .then(Mono.defer(() -> res.status(200).send().then())));
                HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8")
                        .build())) {
            List<CompletableFuture<TransportResponse>> all = IntStream.range(0, attempts)
                    .mapToObj(i -> transport.send(Requests.post("busy", slow.url("/"))).toCompletableFuture())
                    .toList();
            assertThat(transport.queuedRequests("busy")).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> slow.hits("/") == attempts);

            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
            assertThat(all).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(200));
            assertThat(transport.inFlightRequests("busy")).isZero();
        }
    }

    @Test
    void closeRefusesTheRequestsThatWaitForTheRateLimit() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(200)) {
            HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                    .allowNetwork("127.0.0.0/8")
                    .endpointNames("limited")
                    .endpoint("limited", p -> p.rateLimit(new RateLimit(1, Duration.ofSeconds(5))))
                    .build());
            CompletableFuture<TransportResponse> first = transport.send(Requests.post("limited", receiver.url("/")))
                    .toCompletableFuture();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            CompletableFuture<TransportResponse> waiting = transport.send(Requests.post("limited", receiver.url("/")))
                    .toCompletableFuture();
            assertThat(waiting).isNotDone();

            transport.close();
            TransportException closed = failure(waiting);
            assertThat(closed.kind()).isEqualTo(Kind.IO);
            assertThat(closed.getMessage()).contains("endpoint 'limited'").contains("transport closed");
            assertThat(receiver.hits("/")).isEqualTo(1);
        }
    }

    @Test
    void aRateLimitDelaysRequestsInsteadOfRefusingThem() throws Exception {
        ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
        try (TestReceiver receiver = TestReceiver.start((req, res) -> {
                    arrivals.add(System.nanoTime());
                    return res.status(200).send();
                });
                HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8")
                        .endpointNames("limited")
                        .endpoint("limited", p -> p.rateLimit(new RateLimit(1, Duration.ofMillis(250))))
                        .build())) {
            List<CompletableFuture<TransportResponse>> all = IntStream.range(0, 4)
                    .mapToObj(i -> transport.send(Requests.post("limited", receiver.url("/"))).toCompletableFuture())
                    .toList();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            assertThat(all).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(200));
            List<Long> times = arrivals.stream().sorted().toList();
            // Four requests at one per 250 ms span at least three periods; allow for timer slack.
            assertThat(TimeUnit.NANOSECONDS.toMillis(times.get(3) - times.get(0))).isGreaterThanOrEqualTo(600);
        }
    }

    @Test
    void closingCallsOffRequestsInFlightWithoutBlamingTheEndpoint() throws Exception {
        try (TestReceiver silent = TestReceiver.start((req, res) -> Mono.never())) {
            HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                    .allowNetwork("127.0.0.0/8")
                    .endpointNames("held")
                    .endpoint("held", p -> p.circuitBreaker(cb -> cb.consecutiveFailures(1)))
                    .build());
            List<CircuitState> changes = new CopyOnWriteArrayList<>();
            transport.addCircuitListener((name, from, to) -> changes.add(to));
            List<CompletableFuture<TransportResponse>> held = IntStream.range(0, 3)
                    .mapToObj(i -> transport.send(Requests.post("held", silent.url("/"))).toCompletableFuture())
                    .toList();
            await().atMost(Duration.ofSeconds(5)).until(() -> silent.hits("/") == 3);

            transport.close();

            for (CompletableFuture<TransportResponse> f : held) {
                TransportException e = failure(f);
                assertThat(e.kind()).isEqualTo(Kind.IO);
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("endpoint 'held'").contains("transport closed");
            }
            // Herald broke those exchanges off, not the endpoint: one failure would have opened its circuit.
            assertThat(transport.circuitState("held")).isEqualTo(CircuitState.CLOSED);
            assertThat(changes).isEmpty();
        }
    }

    private static TransportException failure(CompletableFuture<TransportResponse> f) {
        Throwable t = catchThrowable(() -> f.get(10, TimeUnit.SECONDS));
        assertThat(t).isNotNull();
        assertThat(t.getCause()).isInstanceOf(TransportException.class);
        return (TransportException) t.getCause();
    }
}
