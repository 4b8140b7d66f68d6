package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.transport.TransportResponse;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.TestReceiver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An endpoint's circuit opens on failures, holds deliveries back while open, and lets them go once healthy. */
@ExtendWith(NoLeaks.class)
class CircuitBreakerTest {
    private final AtomicBoolean healthy = new AtomicBoolean(false);
    private TestReceiver receiver;
    private HttpTransport transport;

    @BeforeEach
    void start() {
        receiver = TestReceiver.start((req, res) -> {
            String path = req.uri();
            int status = path.startsWith("/fail") ? 500
                    : path.startsWith("/missing") ? 404
                    : path.startsWith("/ok") ? 200
                    : healthy.get() ? 200 : 500;
            return res.status(status).send();
        });
        transport = new HttpTransport(HttpTransportConfig.builder()
                .allowNetwork("127.0.0.0/8")
                .endpointNames("flaky", "reopening", "rated", "other")
                .endpoint("flaky", p -> p.circuitBreaker(cb -> cb.consecutiveFailures(3)
                        .waitInOpenState(Duration.ofMillis(1500)).halfOpenProbes(1)))
                .endpoint("reopening", p -> p.circuitBreaker(cb -> cb.consecutiveFailures(2)
                        .waitInOpenState(Duration.ofMillis(300)).halfOpenProbes(1)))
                .endpoint("rated", p -> p.circuitBreaker(cb -> cb.consecutiveFailures(100)
                        .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)))
                .build());
    }

    @AfterEach
    void stop() {
        transport.close();
        receiver.close();
    }

    private int send(String endpoint, String path) throws Exception {
        return transport.send(Requests.post(endpoint, receiver.url(path)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS).status();
    }

    private List<CompletableFuture<TransportResponse>> sendAll(String endpoint, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> transport.send(Requests.post(endpoint, receiver.url("/hook"))).toCompletableFuture())
                .toList();
    }

    @Test
    void opensAfterConsecutiveFailuresHoldsDeliveriesAndClosesWhenAProbeSucceeds() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("flaky", "/hook")).isEqualTo(500);
        }
        assertThat(transport.circuitState("flaky")).isEqualTo(CircuitState.OPEN);

        List<CompletableFuture<TransportResponse>> waiting = sendAll("flaky", 3);
        // Held back, not failed: nothing completes and nothing reaches the receiver while the circuit is open.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> waiting.stream().noneMatch(CompletableFuture::isDone)
                        && transport.circuitState("flaky") == CircuitState.OPEN);
        assertThat(receiver.hits("/hook")).isEqualTo(3);
        assertThat(transport.queuedRequests("flaky")).isEqualTo(3);

        healthy.set(true);
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(waiting).allSatisfy(f -> assertThat(f.join().status()).isEqualTo(200));
        assertThat(transport.circuitState("flaky")).isEqualTo(CircuitState.CLOSED);
        assertThat(receiver.hits("/hook")).isEqualTo(6);
    }

    @Test
    void aFailedProbeOpensTheCircuitAgainAndTheRestKeepWaiting() throws Exception {
        assertThat(send("reopening", "/hook")).isEqualTo(500);
        assertThat(send("reopening", "/hook")).isEqualTo(500);
        assertThat(transport.circuitState("reopening")).isEqualTo(CircuitState.OPEN);

        List<CompletableFuture<TransportResponse>> waiting = sendAll("reopening", 2);
        // The first waiting delivery is the probe; it meets the still-broken receiver and gets its 500.
        TransportResponse probe = waiting.get(0).get(10, TimeUnit.SECONDS);
        assertThat(probe.status()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> transport.circuitState("reopening") == CircuitState.OPEN);
        assertThat(waiting.get(1)).isNotDone();

        healthy.set(true);
        assertThat(waiting.get(1).get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(transport.circuitState("reopening")).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aCircuitListenerHearsEveryChangeInOrder() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        transport.addCircuitListener((name, from, to) -> heard.add(name + " " + from + ">" + to));
        transport.addCircuitListener((name, from, to) -> {
            throw new IllegalStateException("a broken listener must not stop the others");
        });
        assertThat(send("reopening", "/hook")).isEqualTo(500);
        assertThat(send("reopening", "/hook")).isEqualTo(500);
        assertThat(send("reopening", "/hook")).isEqualTo(500);
        healthy.set(true);
        assertThat(send("reopening", "/hook")).isEqualTo(200);

        assertThat(heard).containsExactly("reopening CLOSED>OPEN", "reopening OPEN>HALF_OPEN",
                "reopening HALF_OPEN>OPEN", "reopening OPEN>HALF_OPEN", "reopening HALF_OPEN>CLOSED");
    }

    @Test
    void opensOnTheFailureRateOverTheWindow() throws Exception {
        assertThat(send("rated", "/fail")).isEqualTo(500);
        assertThat(send("rated", "/ok")).isEqualTo(200);
        assertThat(send("rated", "/fail")).isEqualTo(500);
        assertThat(transport.circuitState("rated")).isEqualTo(CircuitState.CLOSED);
        assertThat(send("rated", "/ok")).isEqualTo(200);
        assertThat(transport.circuitState("rated")).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void clientErrorsDoNotOpenTheCircuit() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(send("flaky", "/missing")).isEqualTo(404);
        }
        assertThat(transport.circuitState("flaky")).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void circuitsAreKeptPerEndpoint() throws Exception {
        for (int i = 0; i < 3; i++) {
            send("flaky", "/fail");
        }
        assertThat(transport.circuitState("flaky")).isEqualTo(CircuitState.OPEN);
        assertThat(transport.circuitState("other")).isEqualTo(CircuitState.CLOSED);
        assertThat(send("other", "/ok")).isEqualTo(200);
    }
}
