package dev.herald.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.auth.SeedHmacVerifier;
import dev.herald.auth.StandardWebhooksVerifier;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.engine.testing.Outcomes;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import dev.herald.engine.testing.TestReceiver.Received;
import dev.herald.transport.http.CircuitState;
import dev.herald.transport.http.HttpTransport;
import dev.herald.transport.http.HttpTransportConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole pipeline, from event to verified HTTP request, against a real server on a loopback port. */
class PipelineEndToEndTest {
    private static final String V1_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String V1A_KEY = "whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=";
    private static final String V1A_PUBLIC = "whpk_ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c/g=";
    private static final RetryPolicy FAST = RetryPolicy.builder().retryAttempts(3)
            .baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(400)).build();

    private final TestReceiver receiver = new TestReceiver();
    private final Outcomes outcomes = new Outcomes();
    private final List<Herald> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Herald::close);
        receiver.close();
    }

    private Endpoint.Builder endpoint(String name, String path) {
        return Endpoint.builder(receiver.url(path)).name(name).filter(EventFilter.of(EventType.BUILT_IN))
                .retryPolicy(FAST).timeout(Duration.ofSeconds(5));
    }

    private Herald start(HttpTransportConfig.Builder transport, Endpoint... endpoints) {
        HeraldConfig config = HeraldConfig.builder().endpoints(List.of(endpoints)).transport(transport.build())
                .build();
        Module listen = b -> Multibinder.newSetBinder(b, DeliveryListener.class).addBinding().toInstance(outcomes);
        Herald herald = Herald.start(config, listen);
        started.add(herald);
        return herald;
    }

    private Herald start(Endpoint... endpoints) {
        return start(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8"), endpoints);
    }

    private static Event event(int i) {
        return Event.builder(EventType.TOOL_SUCCESS)
                .context(new RequestContext("req-" + i, "alice \"admin\"", "acme", "srv-1"))
                .metadata(Map.of("tool_name", "search")).build();
    }

    private void awaitOutcomes(int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.outcomes.size() >= n);
    }

    @Test
    void everySigningSchemeVerifiesAtTheReceiver() throws Exception {
        Herald herald = start(
                endpoint("sw", "/sw").authentication(AuthSpec.of("standard_webhooks",
                        Map.of("secrets", List.of(V1_SECRET, V1A_KEY)))).build(),
                endpoint("hmac", "/hmac").authentication(AuthSpec.of("hmac",
                        Map.of("hmac_secret", "s3cret", "hmac_algorithm", "sha512"))).build(),
                endpoint("bearer", "/bearer").authentication(AuthSpec.of("bearer", Map.of("token", "t0ken"))).build(),
                endpoint("apikey", "/apikey").authentication(AuthSpec.of("api_key",
                        Map.of("api_key", "k3y", "api_key_header", "X-Herald-Key"))).build());

        herald.dispatcher().dispatch(event(1));
        awaitOutcomes(4);

        assertThat(outcomes.outcomes).extracting(DeliveryOutcome::status).containsOnly(DeliveryStatus.DELIVERED);
        Received sw = receiver.received("/sw").get(0);
        StandardWebhooksVerifier.of(V1_SECRET).verify(sw.headers(), sw.body());
        StandardWebhooksVerifier.of(V1A_PUBLIC).verify(sw.headers(), sw.body());
        assertThat(sw.headers().get("webhook-signature")).startsWith("v1,").contains(" v1a,");
        Received hmac = receiver.received("/hmac").get(0);
        SeedHmacVerifier.builder().secret("s3cret").algorithm("sha512").build().verify(hmac.headers(), hmac.body());
        assertThat(receiver.received("/bearer").get(0).headers()).containsEntry("Authorization", "Bearer t0ken");
        assertThat(receiver.received("/apikey").get(0).headers()).containsEntry("X-Herald-Key", "k3y");
        assertThat(sw.headers()).containsEntry("Content-Type", "application/json");
        assertThat(sw.headers().get("User-Agent")).startsWith("Herald/");
        // The user's quotes arrive intact inside valid JSON: the seed's injection is gone.
        assertThat(sw.text()).contains("\"user\": \"alice \\\"admin\\\"\"");
    }

    @Test
    void nothingAnEventHoldsReachesAHeader() throws Exception {
        Herald herald = start(endpoint("sw", "/sw").headers(Map.of("X-Team", "ops"))
                .authentication(AuthSpec.of("standard_webhooks", Map.of("secret", V1_SECRET))).build());
        String evil = "x\r\nX-Injected: 1\r\n\r\nGET /smuggled HTTP/1.1\u0000";
        Event event = Event.builder(EventType.TOOL_ERROR).id("evt_" + evil)
                .context(new RequestContext(evil, Map.of("email", evil), evil, evil))
                .metadata(Map.of("tool_name", evil, "error", evil, evil, evil)).payload(Map.of(evil, evil)).build();

        herald.dispatcher().dispatch(event);
        awaitOutcomes(1);

        assertThat(outcomes.outcomes).extracting(DeliveryOutcome::status).containsExactly(DeliveryStatus.DELIVERED);
        Received sw = receiver.received("/sw").get(0);
        assertThat(sw.headers().keySet()).map(String::toLowerCase).containsExactlyInAnyOrder("host", "content-type",
                "content-length", "user-agent", "accept", "x-team", "webhook-id", "webhook-timestamp",
                "webhook-signature");
        assertThat(sw.headers().values()).noneMatch(v -> v.contains("Injected") || v.contains("smuggled"));
        assertThat(receiver.received("/smuggled")).isEmpty();
        StandardWebhooksVerifier.of(V1_SECRET).verify(sw.headers(), sw.body());
        assertThat(sw.text()).contains("x\\r\\nX-Injected: 1\\r\\n\\r\\nGET /smuggled HTTP/1.1\\u0000");
    }

    @Test
    void retriesWithTheSameIdAndBodyAndWaitsForRetryAfter() throws Exception {
        receiver.on("/flaky", n -> n == 1 ? Answer.retryAfter(503, "1") : n == 2 ? Answer.status(500)
                : Answer.status(200));
        Herald herald = start(endpoint("flaky", "/flaky").authentication(AuthSpec.of("standard_webhooks",
                Map.of("secret", V1_SECRET))).build());

        herald.dispatcher().dispatch(event(1));
        awaitOutcomes(1);

        assertThat(outcomes.of("flaky").get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(outcomes.of("flaky").get(0).attempts()).isEqualTo(3);
        List<Received> got = receiver.received("/flaky");
        assertThat(got).hasSize(3);
        assertThat(got).extracting(r -> r.headers().get("webhook-id")).containsOnly(got.get(0).headers()
                .get("webhook-id"));
        assertThat(got).extracting(Received::text).containsOnly(got.get(0).text());
        for (Received r : got) {
            StandardWebhooksVerifier.of(V1_SECRET).verify(r.headers(), r.body());
        }
        // Retry-After: 1 holds the second attempt back a whole second, far beyond the 100 ms backoff.
        assertThat(Duration.ofNanos(got.get(1).arrivedNanos() - got.get(0).arrivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void gone410DisablesTheEndpoint() {
        receiver.on("/gone", n -> Answer.status(410));
        Herald herald = start(endpoint("gone", "/gone").build(), endpoint("alive", "/alive").build());

        herald.dispatcher().dispatch(event(1));
        awaitOutcomes(2);
        herald.dispatcher().dispatch(event(2));
        awaitOutcomes(3);

        assertThat(outcomes.of("gone")).extracting(DeliveryOutcome::status).containsExactly(DeliveryStatus.GONE);
        assertThat(receiver.received("/gone")).hasSize(1);
        assertThat(herald.dispatcher().isActive("gone")).isFalse();
        assertThat(outcomes.of("alive")).hasSize(2);
    }

    @Test
    void aFinal4xxIsNotRetried() {
        receiver.on("/bad", n -> Answer.status(400));
        Herald herald = start(endpoint("bad", "/bad").build());

        herald.dispatcher().dispatch(event(1));
        awaitOutcomes(1);

        assertThat(outcomes.of("bad").get(0).status()).isEqualTo(DeliveryStatus.REJECTED);
        assertThat(receiver.received("/bad")).hasSize(1);
    }

    @Test
    void theSsrfGuardRefusesLoopbackUnlessItIsAllowed() {
        Herald herald = start(HttpTransportConfig.builder(), endpoint("local", "/local").build());

        herald.dispatcher().dispatch(event(1));
        awaitOutcomes(1);

        DeliveryOutcome o = outcomes.of("local").get(0);
        assertThat(o.status()).isEqualTo(DeliveryStatus.REJECTED);
        assertThat(o.attempts()).isEqualTo(1);
        assertThat(o.lastError()).contains("blocked").contains("127.0.0.1");
        assertThat(receiver.received("/local")).isEmpty();
    }

    @Test
    void connectionRefusedIsRetriedThenGivenUp() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Herald herald = start(Endpoint.builder("http://127.0.0.1:" + closedPort + "/x").name("refused")
                .filter(EventFilter.of(EventType.TOOL_SUCCESS)).retryPolicy(FAST).build());

        herald.dispatcher().dispatch(event(1));
        awaitOutcomes(1);

        DeliveryOutcome o = outcomes.of("refused").get(0);
        assertThat(o.status()).isEqualTo(DeliveryStatus.EXHAUSTED);
        assertThat(o.attempts()).isEqualTo(4);
        assertThat(o.lastError()).startsWith("connect");
    }

    @Test
    void aReceiverThatNeverAnswersTimesOut() {
        receiver.on("/silent", n -> Answer.noAnswer());
        Herald herald = start(endpoint("silent", "/silent").timeout(Duration.ofSeconds(1))
                .retryPolicy(RetryPolicy.builder().retryAttempts(0).baseDelay(Duration.ofMillis(100)).build())
                .build());

        herald.dispatcher().dispatch(event(1));
        awaitOutcomes(1);

        DeliveryOutcome o = outcomes.of("silent").get(0);
        assertThat(o.status()).isEqualTo(DeliveryStatus.EXHAUSTED);
        assertThat(o.lastError()).startsWith("timeout");
    }

    @Test
    void aHugeResponseBodyIsCappedAndTheDeliveryStillSucceeds() {
        receiver.on("/chatty", n -> Answer.body(200, "x".repeat(5 << 20)));
        Herald herald = start(endpoint("chatty", "/chatty").build());

        herald.dispatcher().dispatch(event(1));
        awaitOutcomes(1);

        assertThat(outcomes.of("chatty").get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(outcomes.attemptsOf("chatty").get(0).responseBody().length()).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void aSlowEndpointDoesNotDelayAFastOne() {
        receiver.on("/slow", n -> Answer.slow(200, Duration.ofSeconds(2)));
        Herald herald = start(endpoint("slow", "/slow").build(), endpoint("fast", "/fast").build());

        for (int i = 0; i < 20; i++) {
            herald.dispatcher().dispatch(event(i));
        }
        awaitOutcomes(40);

        // Outcomes are recorded in the order they happen: every fast one before the first slow one.
        List<String> byEndpoint = outcomes.outcomes.stream().map(DeliveryOutcome::endpointName).toList();
        assertThat(byEndpoint.subList(0, 20)).containsOnly("fast");
        assertThat(outcomes.outcomes).extracting(DeliveryOutcome::status).containsOnly(DeliveryStatus.DELIVERED);
    }

    @Test
    void theCircuitOpensOnFailuresAndClosesWhenTheEndpointRecovers() {
        receiver.on("/sick", n -> n <= 3 ? Answer.status(500) : Answer.status(200));
        HttpTransportConfig.Builder transport = HttpTransportConfig.builder().allowNetwork("127.0.0.0/8")
                .endpointNames("sick")
                .endpoint("sick", p -> p.circuitBreaker(c -> c.consecutiveFailures(3)
                        .waitInOpenState(Duration.ofMillis(500))));
        Herald herald = start(transport, endpoint("sick", "/sick").retryPolicy(RetryPolicy.builder()
                .retryAttempts(5).baseDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(100)).build())
                .build());
        HttpTransport http = herald.injector().getInstance(HttpTransport.class);

        for (int i = 0; i < 3; i++) {
            herald.dispatcher().dispatch(event(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> http.circuitState("sick") == CircuitState.OPEN);
        awaitOutcomes(3);

        assertThat(outcomes.outcomes).extracting(DeliveryOutcome::status).containsOnly(DeliveryStatus.DELIVERED);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.circuitState("sick") == CircuitState.CLOSED);
    }
}
