package dev.herald.gateway.faults;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.CloseReport;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.EventType;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.Outcomes;
import dev.herald.transport.http.CircuitState;
import dev.herald.transport.http.HttpTransport;
import dev.herald.transport.http.HttpTransportConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link Herald#close(Duration)} while hundreds of deliveries are in flight to a slow endpoint and more wait for a
 * place: it returns soon after its deadline, and its report names exactly the deliveries the receiver did not get.
 */
@Tag("slow")
class CloseUnderLoadTest {
    private static final int EVENTS = 500;
    private static final int IN_FLIGHT = 300;
    private static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Duration GRACE = Duration.ofSeconds(2);

    @Test
    void closeReturnsByItsDeadlineAndReportsExactlyWhatWasNotDelivered() throws Exception {
        Outcomes outcomes = new Outcomes();
        // The first 100 requests are answered as they come; the rest are held until the test lets them go.
        try (HoldingReceiver receiver = new HoldingReceiver(100, Duration.ZERO)) {
            Endpoint slow = Endpoint.builder(receiver.url()).name("slow").filter(EventFilter.of(EventType.BUILT_IN))
                    .authentication(AuthSpec.of("standard_webhooks", Map.of("secret", SideBySide.SECRET)))
                    .timeout(Duration.ofSeconds(60)).build();
            HeraldConfig config = HeraldConfig.builder().endpoints(List.of(slow))
                    .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").maxConnections(2 * IN_FLIGHT)
                            .build())
                    .maxInFlightPerEndpoint(IN_FLIGHT).build();
            Module listen = b -> Multibinder.newSetBinder(b, DeliveryListener.class).addBinding()
                    .toInstance(outcomes);
            Herald herald = Herald.start(config, listen);
            HttpTransport http = herald.injector().getInstance(HttpTransport.class);
            List<String> accepted = new ArrayList<>();
            CloseReport report;
            long closeNanos;
            try {
                for (int i = 0; i < EVENTS; i++) {
                    accepted.addAll(herald.dispatcher().dispatch(SideBySide.toolError(i)).deliveryIds());
                }
                assertThat(accepted).hasSize(EVENTS);
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.holding() == IN_FLIGHT);
                assertThat(receiver.delivered()).hasSize(100);

                long t0 = System.nanoTime();
                CompletableFuture<CloseReport> closing = CompletableFuture.supplyAsync(() -> herald.close(DEADLINE));
                // Answers that come while Herald drains are deliveries like any other.
                receiver.release(50);
                report = closing.get(DEADLINE.plus(GRACE).toMillis() + 5_000, TimeUnit.MILLISECONDS);
                closeNanos = System.nanoTime() - t0;
            } finally {
                herald.close(Duration.ZERO);
            }

            assertThat(Duration.ofNanos(closeNanos)).isBetween(DEADLINE, DEADLINE.plus(GRACE));
            assertThat(report.drained()).isFalse();
            // Herald broke off the requests in flight, not the endpoint: its circuit stays closed.
            assertThat(http.circuitState("slow")).isEqualTo(CircuitState.CLOSED);
            List<String> delivered = receiver.delivered();
            Set<String> undelivered = new HashSet<>();
            for (DeliveryOutcome o : report.undelivered()) {
                assertThat(o.status()).isEqualTo(DeliveryStatus.CANCELLED);
                assertThat(undelivered.add(o.deliveryId())).as("reported twice: %s", o.deliveryId()).isTrue();
            }
            assertThat(delivered).as("each delivered once").doesNotHaveDuplicates().hasSize(150);
            assertThat(undelivered).doesNotContainAnyElementsOf(delivered);
            assertThat(delivered.size() + undelivered.size()).isEqualTo(accepted.size());
            Set<String> union = new HashSet<>(delivered);
            union.addAll(undelivered);
            assertThat(union).containsExactlyInAnyOrderElementsOf(accepted);
            // What the dispatcher says was delivered is what the receiver got.
            assertThat(outcomes.outcomes.stream().filter(o -> o.status() == DeliveryStatus.DELIVERED)
                    .map(DeliveryOutcome::deliveryId)).containsExactlyInAnyOrderElementsOf(delivered);
            System.out.printf("fault scenario [close under load]: accepted=%d in flight at close=%d delivered=%d"
                    + " (%d while draining) reported undelivered=%d; close took %d ms (deadline %d ms)%n",
                    accepted.size(), IN_FLIGHT, delivered.size(), 50, undelivered.size(),
                    TimeUnit.NANOSECONDS.toMillis(closeNanos), DEADLINE.toMillis());
        }
    }
}
