package dev.herald.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.auth.StandardWebhooksVerifier;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.engine.testing.Outcomes;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.engine.testing.TestReceiver.Answer;
import dev.herald.engine.testing.TestReceiver.Received;
import dev.herald.store.jdbc.SqliteStoreConfig;
import dev.herald.store.jdbc.StoreSettings;
import dev.herald.transport.http.HttpTransportConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A receiver de-duplicates by {@code webhook-id} whatever the endpoint's signing: every attempt carries the
 * delivery's id, the same on a retry and after a restart with a durable store.
 */
class DeliveryIdEndToEndTest {
    private static final String V1_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final RetryPolicy ONE_RETRY = RetryPolicy.builder().retryAttempts(1)
            .baseDelay(Duration.ofMillis(100)).build();
    private static final Map<String, AuthSpec> SIGNINGS = Map.of(
            "none", AuthSpec.of("none", Map.of()),
            "bearer", AuthSpec.of("bearer", Map.of("token", "t0ken")),
            "apikey", AuthSpec.of("api_key", Map.of("api_key", "k3y")),
            "hmac", AuthSpec.of("hmac", Map.of("hmac_secret", "s3cret")),
            "sw", AuthSpec.of("standard_webhooks", Map.of("secret", V1_SECRET)));

    @TempDir
    Path directory;

    private final TestReceiver receiver = new TestReceiver();
    private final Outcomes outcomes = new Outcomes();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Endpoint endpoint(String name, AuthSpec signing, RetryPolicy retry) {
        return Endpoint.builder(receiver.url("/" + name)).name(name).filter(EventFilter.of(EventType.TOOL_SUCCESS))
                .authentication(signing).retryPolicy(retry).timeout(Duration.ofSeconds(5)).build();
    }

    private Herald start(HeraldConfig.Builder config) {
        Module listen = b -> Multibinder.newSetBinder(b, DeliveryListener.class).addBinding().toInstance(outcomes);
        return Herald.start(config.transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                .build(), listen);
    }

    private static Event event() {
        return Event.builder(EventType.TOOL_SUCCESS).metadata(Map.of("tool_name", "search")).build();
    }

    @Test
    void everySigningSendsTheDeliveryIdOnTheFirstAttemptAndTheRetry() throws Exception {
        SIGNINGS.keySet().forEach(name -> receiver.on("/" + name, n -> Answer.status(n == 1 ? 503 : 200)));
        List<Endpoint> endpoints = SIGNINGS.entrySet().stream()
                .map(e -> endpoint(e.getKey(), e.getValue(), ONE_RETRY)).toList();

        DispatchResult result;
        try (Herald herald = start(HeraldConfig.builder().endpoints(endpoints))) {
            result = herald.dispatcher().dispatch(event());
            await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.allEnded(result.deliveryIds()));
        }

        for (String name : SIGNINGS.keySet()) {
            DeliveryOutcome outcome = outcomes.of(name).get(0);
            assertThat(outcome.status()).as(name).isEqualTo(DeliveryStatus.DELIVERED);
            List<Received> got = receiver.received("/" + name);
            assertThat(got).as(name).hasSize(2)
                    .allSatisfy(r -> assertThat(r.headers()).containsEntry("webhook-id", outcome.deliveryId()));
            // One header, not the dispatcher's and the signer's.
            assertThat(got.get(0).headers().keySet().stream().filter("webhook-id"::equalsIgnoreCase)).hasSize(1);
        }
        // Standard Webhooks signs the very id it sends.
        for (Received r : receiver.received("/sw")) {
            StandardWebhooksVerifier.of(V1_SECRET).verify(r.headers(), r.body());
        }
    }

    @Test
    void theSameIdReachesTheReceiverAfterARestartWithASqliteStore() {
        receiver.on("/hmac", n -> Answer.status(n == 1 ? 503 : 200));
        // Long enough a retry that the first process stops before it, short leases so that the next one sends it.
        RetryPolicy later = RetryPolicy.builder().retryAttempts(1).baseDelay(Duration.ofSeconds(1)).build();
        StoreSettings store = StoreSettings.sqlite(SqliteStoreConfig.in(directory)).withNode("node-1")
                .withTimings(Duration.ofSeconds(2), Duration.ofMillis(100), StoreSettings.DEFAULT_RETENTION);
        HeraldConfig.Builder config = HeraldConfig.builder()
                .endpoints(List.of(endpoint("hmac", SIGNINGS.get("hmac"), later)))
                .store(store).closeTimeout(Duration.ZERO);

        String id;
        try (Herald first = start(config)) {
            id = first.dispatcher().dispatch(event()).deliveryIds().get(0);
            // Until the 503 is answered and the retry handed to the store: a close while the answer is still on its
            // way would call the delivery off (and release it) instead, which another test covers.
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/hmac").size() == 1
                    && first.dispatcher().stats().outstanding() == 0);
        }
        assertThat(outcomes.outcomeOf(id)).isNull();

        try (Herald second = start(config)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> outcomes.outcomeOf(id) != null);
        }

        assertThat(outcomes.outcomeOf(id).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(receiver.received("/hmac")).hasSize(2)
                .allSatisfy(r -> assertThat(r.headers()).containsEntry("webhook-id", id));
    }
}
