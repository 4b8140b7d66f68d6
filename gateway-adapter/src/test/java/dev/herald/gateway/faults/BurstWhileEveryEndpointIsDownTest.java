package dev.herald.gateway.faults;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.CloseReport;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.dispatch.DispatcherStats;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.gateway.hooks.PluginResult;
import dev.herald.gateway.hooks.WebhookNotificationPlugin;
import dev.herald.transport.http.HttpTransport;
import dev.herald.transport.http.HttpTransportConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A burst of a million events while every endpoint is down: Herald holds what its capacity allows, refuses the
 * rest at once and counts every refusal, keeps its memory bounded, and the gateway's hook keeps answering.
 */
@Tag("slow")
class BurstWhileEveryEndpointIsDownTest {
    private static final int BURST = 1_000_000;
    private static final int CAPACITY = 10_000;
    private static final int MAX_IN_FLIGHT = 64;
    private static final int HOOK_CALLS = 100;
    private static final List<String> ENDPOINTS = List.of("down-1", "down-2");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the burst saw, from the thread that made it. */
    private static final class Tally {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicLong maxOutstanding = new AtomicLong();
        final AtomicInteger maxQueued = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicLong slowestCallNanos = new AtomicLong();
    }

    @Test
    void aMillionEventsAreHeldUpToCapacityAndTheRestRefusedAtOnceAndCounted() throws Exception {
        LongAdder heardRefused = new LongAdder();
        DeliveryListener refusals = new DeliveryListener() {
            @Override
            public void onRejected(Event event, DispatchResult result) {
                heardRefused.increment();
            }
        };
        Module listen = b -> Multibinder.newSetBinder(b, DeliveryListener.class).addBinding().toInstance(refusals);
        RetryPolicy retry = RetryPolicy.DEFAULT;
        HeraldConfig config = HeraldConfig.builder()
                .endpoints(ENDPOINTS.stream().map(name -> Endpoint.builder("http://127.0.0.1:" + closedPort() + "/")
                        .name(name).filter(EventFilter.of(EventType.BUILT_IN)).retryPolicy(retry).build()).toList())
                .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build())
                .capacity(CAPACITY).maxInFlightPerEndpoint(MAX_IN_FLIGHT).build();
        Herald herald = Herald.start(config, listen);
        try {
            Dispatcher dispatcher = herald.dispatcher();
            HttpTransport http = herald.injector().getInstance(HttpTransport.class);
            WebhookNotificationPlugin hook = new WebhookNotificationPlugin("WebhookNotification", dispatcher, false);
            Tally tally = new Tally();

            CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> burst(dispatcher, http, tally));
            // While the burst runs and the backlog is full, the gateway's hook answers at once and its event is
            // refused and counted, never thrown.
            await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.stats().outstanding() == CAPACITY);
            for (int i = 0; i < HOOK_CALLS; i++) {
                PluginResult r = hook.invoke("tool_post_invoke", failedTool(), context());
                assertThat(r).isEqualTo(PluginResult.CONTINUE);
            }
            await().atMost(Duration.ofSeconds(20)).until(burst::isDone);
            burst.get();

            DispatcherStats stats = dispatcher.stats();
            long completed = stats.deliveriesDelivered() + stats.deliveriesFailed();
            assertThat(tally.accepted.get() + tally.refused.get()).isEqualTo(BURST);
            assertThat(stats.eventsAccepted()).isEqualTo(tally.accepted.get());
            // Nothing could end during the burst (the first retry is a second away; once the circuit is open the
            // attempts are refused at once as overloaded and wait for their next retry in the dispatcher), so the
            // backlog stayed full and every one of the hook's events was refused.
            assertThat(completed).isZero();
            assertThat(stats.eventsRejected()).isEqualTo(tally.refused.get() + HOOK_CALLS);
            assertThat(heardRefused.sum()).isEqualTo(stats.eventsRejected());
            assertThat((long) tally.accepted.get() * ENDPOINTS.size()).isLessThanOrEqualTo(CAPACITY + completed);
            assertThat(stats.outstanding()).isEqualTo((long) tally.accepted.get() * ENDPOINTS.size());
            // Memory stays bounded: never more deliveries than the capacity, never more requests waiting in the
            // transport than the dispatcher lets through to one endpoint.
            assertThat(tally.maxOutstanding.get()).isLessThanOrEqualTo(CAPACITY);
            assertThat(tally.maxQueued.get()).isLessThanOrEqualTo(MAX_IN_FLIGHT);
            assertThat(tally.maxInFlight.get()).isLessThanOrEqualTo(MAX_IN_FLIGHT);
            // No call waited for room: room cannot free up sooner than the first retry's delay.
            assertThat(Duration.ofNanos(tally.slowestCallNanos.get())).isLessThan(retry.backoff(0));

            CloseReport report = herald.close(Duration.ofMillis(500));
            // No attempt is held in the transport past its deadline any more, so the close may well drain: an
            // attempt in flight comes back at once (overloaded) and, with no store to wait in and the dispatcher
            // closing, ends there rather than being scheduled again. Whatever did not end so is reported.
            DispatcherStats after = dispatcher.stats();
            assertThat(after.outstanding()).isZero();
            assertThat(after.deliveriesDelivered()).as("every endpoint is down").isZero();
            assertThat(after.deliveriesFailed()).as("every delivery ended, failed or called off")
                    .isEqualTo(stats.outstanding());
            assertThat(report.undelivered()).hasSizeLessThanOrEqualTo((int) stats.outstanding())
                    .allSatisfy(o -> assertThat(o.status()).isEqualTo(DeliveryStatus.CANCELLED));
            System.out.printf("fault scenario [burst of %d while every endpoint is down]: accepted=%d events"
                    + " (%d deliveries, capacity %d) refused=%d (+%d hook calls refused, each answered continue);"
                    + " peak outstanding=%d; peak transport queue=%d in flight=%d per endpoint; slowest dispatch"
                    + " call=%d us; undelivered at close=%d%n", BURST, tally.accepted.get(),
                    tally.accepted.get() * ENDPOINTS.size(), CAPACITY, tally.refused.get(), HOOK_CALLS,
                    tally.maxOutstanding.get(), tally.maxQueued.get(), tally.maxInFlight.get(),
                    tally.slowestCallNanos.get() / 1000, report.undelivered().size());
        } finally {
            herald.close(Duration.ZERO);
        }
    }

    private static void burst(Dispatcher dispatcher, HttpTransport http, Tally tally) {
        for (int i = 0; i < BURST; i++) {
            Event event = Event.builder(EventType.TOOL_ERROR)
                    .context(new RequestContext("req-" + i, "alice", "acme", "srv-1"))
                    .metadata(Map.of("tool_name", "search", "error", "boom")).build();
            long t0 = System.nanoTime();
            DispatchResult r = dispatcher.dispatch(event);
            long took = System.nanoTime() - t0;
            tally.slowestCallNanos.accumulateAndGet(took, Math::max);
            if (r.status() == DispatchResult.Status.ACCEPTED) {
                tally.accepted.incrementAndGet();
            } else {
                assertThat(r.status()).isEqualTo(DispatchResult.Status.REJECTED_FULL);
                tally.refused.incrementAndGet();
            }
            if (i % 1000 == 0) {
                tally.maxOutstanding.accumulateAndGet(dispatcher.stats().outstanding(), Math::max);
                for (String name : ENDPOINTS) {
                    tally.maxQueued.accumulateAndGet(http.queuedRequests(name), Math::max);
                    tally.maxInFlight.accumulateAndGet(http.inFlightRequests(name), Math::max);
                }
            }
        }
    }

    private static JsonNode failedTool() {
        return JSON.valueToTree(Map.of("name", "search", "result", Map.of("content",
                List.of(Map.of("type", "text", "text", "boom")), "isError", true)));
    }

    private static JsonNode context() {
        return JSON.valueToTree(Map.of("state", Map.of(), "metadata", Map.of(), "global_context",
                Map.of("request_id", "r1", "user", "alice", "tenant_id", "acme", "server_id", "srv-1", "state",
                        Map.of(), "metadata", Map.of())));
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
