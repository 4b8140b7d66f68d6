package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.core.transport.TransportResponse;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.TestReceiver;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

/**
 * An attempt's deadline is absolute: waiting for the endpoint's circuit or rate limit counts against it, and an
 * attempt that could not be let through before it fails at once as overload, never as a connect failure.
 */
@ExtendWith(NoLeaks.class)
class AttemptDeadlineTest {
    /** Timer ticks (10 ms), scheduling and a loaded build machine; far below any of the waits measured. */
    private static final long MARGIN_MILLIS = 300;

    @Test
    void aRateLimitSlotPastTheDeadlineFailsOverloadedAtOnce() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(200);
                HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8")
                        .endpointNames("limited")
                        .endpoint("limited", p -> p.rateLimit(new RateLimit(1, Duration.ofSeconds(10))))
                        .build())) {
            URI url = receiver.url("/hook-secret?token=abc");
            assertThat(join(transport.send(Requests.post("limited", url))).status()).isEqualTo(200);

            // The next slot is 10 s away, the deadline 1 s: the old gate held it for those 10 s.
            long t0 = System.nanoTime();
            TransportException e = failure(transport.send(Requests.post("limited", url, Duration.ofSeconds(1))));
            long millis = elapsedMillis(t0);

            assertThat(e.kind()).isEqualTo(Kind.OVERLOADED);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).startsWith("endpoint 'limited': not sent: its rate limit (1 per 10000 ms)")
                    .doesNotContain("hook-secret").doesNotContain("token");
            assertThat(millis).as("refused without waiting").isLessThan(MARGIN_MILLIS);
            assertThat(receiver.hits("/hook-secret")).isEqualTo(1);
            assertThat(transport.queuedRequests("limited")).as("nothing left waiting").isZero();
        }
    }

    @Test
    void anOpenCircuitGivesOverloadedNotConnect() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        try (HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                .allowNetwork("127.0.0.0/8")
                .endpointNames("down")
                .endpoint("down", p -> p.circuitBreaker(cb -> cb.consecutiveFailures(1)
                        .waitInOpenState(Duration.ofSeconds(30))))
                .build())) {
            URI url = URI.create("http://127.0.0.1:" + closedPort + "/hook-secret?token=abc");
            assertThat(failure(transport.send(Requests.post("down", url))).kind()).isEqualTo(Kind.CONNECT);
            assertThat(transport.circuitState("down")).isEqualTo(CircuitState.OPEN);

            long t0 = System.nanoTime();
            TransportException e = failure(transport.send(Requests.post("down", url, Duration.ofSeconds(5))));
            long millis = elapsedMillis(t0);

            assertThat(e.kind()).isEqualTo(Kind.OVERLOADED);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).startsWith("endpoint 'down': not sent: its circuit is open for another")
                    .doesNotContain("hook-secret").doesNotContain("token");
            assertThat(millis).as("refused without waiting for the 5 s deadline").isLessThan(MARGIN_MILLIS);
            assertThat(transport.queuedRequests("down")).isZero();
        }
    }

    @Test
    void anAttemptThatWaitedForTheRateLimitAndMetASlowServerEndsByItsDeadline() throws Exception {
        Duration timeout = Duration.ofMillis(1200);
        try (TestReceiver slow = TestReceiver.start((req, res) -> Mono.delay(Duration.ofSeconds(10))
                        .then(Mono.defer(() -> res.status(200).send().then())));
                HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8")
                        .endpointNames("slow")
                        .endpoint("slow", p -> p.rateLimit(new RateLimit(1, Duration.ofMillis(700))))
                        .build())) {
            long t0 = System.nanoTime();
            OutboundRequest first = Requests.post("slow", slow.url("/"), timeout);
            OutboundRequest second = Requests.post("slow", slow.url("/"), timeout);
            CompletionStage<TransportResponse> a = transport.send(first);
            // Its slot is up to 700 ms away: it waits, then gets only what is left of its 1.2 s.
            CompletionStage<TransportResponse> b = transport.send(second);

            TransportException ea = failure(a);
            TransportException eb = failure(b);
            long millis = elapsedMillis(t0);

            assertThat(ea.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(eb.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(eb.getMessage()).contains("what was left of its 1200 ms timeout");
            assertThat(slow.hits("/")).as("the second attempt reached the slow server").isEqualTo(2);
            // Without the absolute deadline it would have ended up to 700 ms + 1.2 s after it was sent.
            assertThat(millis).isLessThan(timeout.toMillis() + MARGIN_MILLIS);
        }
    }

    @Test
    void anAttemptWaitingForAHalfOpenCircuitsProbeIsRefusedAtItsDeadline() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        // The first request fails and opens the circuit; the probe after it never gets an answer.
        try (TestReceiver receiver = TestReceiver.start((req, res) -> hits.incrementAndGet() == 1
                        ? res.status(500).send() : Mono.never());
                HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8")
                        .endpointNames("probed")
                        .endpoint("probed", p -> p.circuitBreaker(cb -> cb.consecutiveFailures(1)
                                .waitInOpenState(Duration.ofMillis(200)).halfOpenProbes(1)))
                        .build())) {
            assertThat(join(transport.send(Requests.post("probed", receiver.url("/")))).status()).isEqualTo(500);
            CompletionStage<TransportResponse> probe = transport.send(Requests.post("probed", receiver.url("/"),
                    Duration.ofSeconds(5)));
            await().atMost(Duration.ofSeconds(5)).until(() -> hits.get() == 2);
            assertThat(transport.circuitState("probed")).isEqualTo(CircuitState.HALF_OPEN);

            long t0 = System.nanoTime();
            TransportException e = failure(transport.send(Requests.post("probed", receiver.url("/"),
                    Duration.ofSeconds(1))));
            long millis = elapsedMillis(t0);

            assertThat(e.kind()).isEqualTo(Kind.OVERLOADED);
            assertThat(e.getMessage()).isEqualTo("endpoint 'probed': not sent: its circuit is half-open and let no"
                    + " request through before this attempt's deadline");
            assertThat(millis).isBetween(1_000L - MARGIN_MILLIS, 1_000L + MARGIN_MILLIS);
            assertThat(hits.get()).as("only the probe reached the receiver").isEqualTo(2);
            assertThat(probe.toCompletableFuture()).isNotDone();
        }
    }

    private static long elapsedMillis(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static TransportResponse join(CompletionStage<TransportResponse> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static TransportException failure(CompletionStage<TransportResponse> stage) {
        CompletableFuture<TransportResponse> f = stage.toCompletableFuture();
        Throwable t = catchThrowable(() -> f.get(10, TimeUnit.SECONDS));
        assertThat(t).isNotNull();
        assertThat(t.getCause()).isInstanceOf(TransportException.class);
        return (TransportException) t.getCause();
    }
}
