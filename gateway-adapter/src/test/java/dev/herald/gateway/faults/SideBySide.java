package dev.herald.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.store.AttemptRecord;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.engine.testing.Outcomes;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.transport.http.CircuitState;
import dev.herald.transport.http.HttpTransport;
import dev.herald.transport.http.HttpTransportConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Herald, started as a user starts it ({@link Herald#start} with the real HTTP transport), with two endpoints
 * that take the same events: {@value #FAULTY}, at a server that misbehaves, and {@value #HEALTHY}, at a receiver
 * that answers 200 at once. It records every attempt and outcome, every change of the circuits, and the faulty
 * endpoint's peaks in the transport.
 */
final class SideBySide implements AutoCloseable {
    static final String FAULTY = "faulty";
    static final String HEALTHY = "healthy";
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /**
     * How the faulty endpoint is configured.
     *
     * @param retry its retry policy
     * @param timeout its request timeout
     * @param consecutiveFailures failures in a row that open its circuit
     * @param openWait how long its circuit stays open before probing
     * @param probes requests let through to probe it
     * @param maxInFlightPerEndpoint the dispatcher's bound, for both endpoints: the only bound on attempts in flight
     */
    record Setup(RetryPolicy retry, Duration timeout, int consecutiveFailures, Duration openWait, int probes,
            int maxInFlightPerEndpoint) {}

    final Setup setup;
    final Herald herald;
    final HttpTransport http;
    final Outcomes outcomes = new Outcomes();
    final CircuitLog circuits = new CircuitLog();
    final TestReceiver healthyReceiver = new TestReceiver();
    final TransportPeaks peaks;
    private final AtomicInteger faultyFailuresHeard = new AtomicInteger();
    private final AtomicReference<CircuitState> circuitAtThreshold = new AtomicReference<>();
    private final AtomicInteger sequence = new AtomicInteger();

    SideBySide(String faultyUrl, Setup setup) {
        this.setup = setup;
        AuthSpec signed = AuthSpec.of("standard_webhooks", Map.of("secret", SECRET));
        Endpoint faulty = Endpoint.builder(faultyUrl).name(FAULTY).filter(EventFilter.of(EventType.TOOL_ERROR))
                .authentication(signed).retryPolicy(setup.retry()).timeout(setup.timeout()).build();
        // The healthy endpoint also takes RESOURCE_SUCCESS: the warm-up event, which the faulty one never sees.
        Endpoint healthy = Endpoint.builder(healthyReceiver.url("/healthy")).name(HEALTHY)
                .filter(EventFilter.of(EventType.TOOL_ERROR, EventType.RESOURCE_SUCCESS)).authentication(signed)
                .retryPolicy(RetryPolicy.builder().retryAttempts(0).build()).timeout(setup.timeout()).build();
        HttpTransportConfig transport = HttpTransportConfig.builder().allowNetwork("127.0.0.0/8")
                .endpointNames(FAULTY, HEALTHY)
                .endpoint(FAULTY, p -> p.circuitBreaker(cb -> cb.consecutiveFailures(setup.consecutiveFailures())
                                .waitInOpenState(setup.openWait()).halfOpenProbes(setup.probes())))
                .build();
        HeraldConfig config = HeraldConfig.builder().endpoints(List.of(faulty, healthy)).transport(transport)
                .maxInFlightPerEndpoint(setup.maxInFlightPerEndpoint()).build();
        DeliveryListener threshold = new DeliveryListener() {
            @Override
            public void onAttempt(AttemptRecord a) {
                if (a.endpointName().equals(FAULTY) && a.outcome() == OutcomeClass.RETRYABLE
                        && faultyFailuresHeard.incrementAndGet() == setup.consecutiveFailures()) {
                    circuitAtThreshold.set(SideBySide.this.http.circuitState(FAULTY));
                }
            }
        };
        Module listen = b -> {
            Multibinder<DeliveryListener> listeners = Multibinder.newSetBinder(b, DeliveryListener.class);
            listeners.addBinding().toInstance(outcomes);
            listeners.addBinding().toInstance(threshold);
        };
        this.herald = Herald.start(config, listen);
        this.http = herald.injector().getInstance(HttpTransport.class);
        http.addCircuitListener(circuits);
        this.peaks = new TransportPeaks(http, FAULTY);
    }

    /**
     * Delivers one event to the healthy endpoint alone, so that its connection and the JVM's first-use costs are
     * behind it before the faulty endpoint's trouble starts.
     */
    void warmUp() {
        DispatchResult r = herald.dispatcher().dispatch(Event.builder(EventType.RESOURCE_SUCCESS)
                .context(new RequestContext("warm-up", "alice", "acme", "srv-1"))
                .metadata(Map.of("resource_uri", "file:///warm-up")).build());
        assertThat(r.deliveryIds()).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.allEnded(r.deliveryIds()));
    }

    /** Dispatches {@code n} tool errors, each to both endpoints; returns every delivery id. */
    List<String> dispatch(int n) {
        List<String> ids = new ArrayList<>(2 * n);
        for (int i = 0; i < n; i++) {
            DispatchResult r = herald.dispatcher().dispatch(toolError(sequence.incrementAndGet()));
            assertThat(r.status()).isEqualTo(DispatchResult.Status.ACCEPTED);
            assertThat(r.deliveryIds()).hasSize(2);
            ids.addAll(r.deliveryIds());
        }
        return ids;
    }

    static Event toolError(int i) {
        return Event.builder(EventType.TOOL_ERROR)
                .context(new RequestContext("req-" + i, "alice", "acme", "srv-1"))
                .metadata(Map.of("tool_name", "search", "error", "upstream timed out")).build();
    }

    /** The circuit's state when the dispatcher heard the faulty endpoint's n-th failure, n the threshold. */
    CircuitState circuitWhenThresholdWasHeard() {
        return circuitAtThreshold.get();
    }

    List<DeliveryOutcome> outcomesOf(String endpoint, List<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        return outcomes.of(endpoint).stream().filter(o -> wanted.contains(o.deliveryId())).toList();
    }

    @Override
    public void close() {
        peaks.close();
        herald.close(Duration.ofSeconds(2));
        healthyReceiver.close();
    }
}
