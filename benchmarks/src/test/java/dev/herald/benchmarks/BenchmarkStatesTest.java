package dev.herald.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.dispatch.DispatcherStats;
import dev.herald.core.transport.Transport;
import dev.herald.gateway.hooks.PluginResult;
import dev.herald.transport.http.CircuitState;
import dev.herald.transport.http.HttpTransport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Drives each benchmark's state by hand, the way JMH calls it, so that a set-up that no longer works fails here
 * in a second rather than in the lead's hour-long run. Nothing here is timed.
 */
class BenchmarkStatesTest {

    @ParameterizedTest
    @CsvSource({
        "1, none, default, off", "1, hmac, default, off", "1, standard_webhooks, default, off",
        "10, none, custom, off", "10, hmac, custom, off", "10, standard_webhooks, custom, off",
        "1, hmac, default, on", "10, standard_webhooks, custom, on"})
    void thePipelineDeliversEveryEventToEveryEndpointSigned(int endpoints, String signing, String template,
            String observe) {
        PipelineBenchmark bench = new PipelineBenchmark();
        bench.endpoints = endpoints;
        bench.signing = signing;
        bench.template = template;
        bench.observe = observe;
        bench.setUp();
        PipelineBenchmark.Deliveries counter = new PipelineBenchmark.Deliveries();
        counter.reset();
        try {
            for (int i = 0; i < 3; i++) {
                DispatchResult r = bench.dispatch(counter);
                assertThat(r.status()).isEqualTo(DispatchResult.Status.ACCEPTED);
            }
            bench.check();
            DispatcherStats stats = bench.dispatcher().stats();
            assertThat(stats.deliveriesDelivered()).isEqualTo(3L * endpoints);
            assertThat(counter.deliveries).isEqualTo(3L * endpoints);
            assertThat(bench.transport().sent()).isEqualTo(3L * endpoints);
        } finally {
            bench.tearDown();
        }
    }

    @Test
    void theHookAnswersAtOnceAndItsDeliveriesWaitForTheDeadEndpoints() throws Exception {
        HookLatencyBenchmark bench = new HookLatencyBenchmark();
        bench.endpoints = 2;
        bench.pauseMicros = 0;
        bench.setUpTrial();
        bench.start();
        try {
            for (int i = 0; i < 100; i++) {
                assertThat(bench.invoke()).isEqualTo(PluginResult.CONTINUE);
                assertThat(bench.toolPostInvoke()).isEqualTo(PluginResult.CONTINUE);
            }
            DispatcherStats stats = bench.herald().dispatcher().stats();
            assertThat(stats.eventsAccepted()).isEqualTo(200);
            assertThat(stats.eventsRejected()).isZero();
            // Open circuits prove the connections were tried and refused: the endpoints are dead, not blocked.
            HttpTransport transport = (HttpTransport) bench.herald().injector().getInstance(Transport.class);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(transport.circuitState("endpoint-0")).isEqualTo(CircuitState.OPEN);
                assertThat(transport.circuitState("endpoint-1")).isEqualTo(CircuitState.OPEN);
            });
        } finally {
            bench.stop();
        }
    }

    @Test
    void theTemplateAndBaselineStatesSetUp() throws Exception {
        TemplateBenchmark templates = new TemplateBenchmark();
        templates.setUp();
        assertThat(templates.freemarkerDefault()).isEqualTo(templates.seedReplace());
        assertThat(templates.seedReplaceOnly()).isEqualTo(new String(templates.seedReplace(),
                java.nio.charset.StandardCharsets.UTF_8));

        BaselineBenchmark baselines = new BaselineBenchmark();
        baselines.setUp();
        assertThat(baselines.hmacSha256()).hasSize(32);
        assertThat(baselines.hmacSha256Hex()).hasSize(64);
        assertThat(baselines.jacksonFields()).isEqualTo(baselines.jacksonEvent());
    }

    @Test
    void theMemoryProbeCountsEveryQueuedDelivery() {
        QueueMemoryProbe.Result r = QueueMemoryProbe.measure(5_000);

        assertThat(r.queued()).isEqualTo(5_000);
        assertThat(r.outOfMemory()).isFalse();
        assertThat(r.line()).matches("queued=5000 heap_bytes=-?\\d+ bytes_per_delivery=-?\\d+\\.\\d");
    }
}
