package dev.herald.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.core.signing.SignerFactory;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.testing.CountingRenderer;
import dev.herald.core.testing.RecordingListener;
import dev.herald.core.testing.ScriptedTransport;
import dev.herald.core.time.ManualScheduler;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    private final ScriptedTransport transport = new ScriptedTransport();
    private final CountingRenderer renderer = new CountingRenderer();
    private final RecordingListener listener = new RecordingListener();
    private final ManualScheduler clock = new ManualScheduler(T0);

    private static Endpoint endpoint(String name, EventType... types) {
        return Endpoint.builder("https://" + name + ".example/hook").name(name).filter(EventFilter.of(types))
                .retryPolicy(RetryPolicy.builder().retryAttempts(3).baseDelay(Duration.ofSeconds(1)).build())
                .build();
    }

    private Dispatcher.Builder dispatcher(Endpoint... endpoints) {
        return Dispatcher.builder().endpoints(List.of(endpoints)).transport(transport).templateRenderer(renderer)
                .scheduler(clock).executor(Runnable::run).listener(listener);
    }

    private static Event toolSuccess() {
        return Event.builder(EventType.TOOL_SUCCESS).build();
    }

    @Test
    void fansOutToEveryEnabledEndpointWhoseFilterAccepts() {
        Endpoint disabled = endpoint("off", EventType.TOOL_SUCCESS).toBuilder().enabled(false).build();
        Dispatcher d = dispatcher(endpoint("a", EventType.TOOL_SUCCESS), endpoint("b", EventType.TOOL_SUCCESS),
                disabled, endpoint("violations", EventType.VIOLATION)).build();

        DispatchResult result = d.dispatch(toolSuccess());

        assertThat(result.status()).isEqualTo(DispatchResult.Status.ACCEPTED);
        assertThat(result.deliveryIds()).hasSize(2).allMatch(id -> id.startsWith("msg_"));
        assertThat(transport.requests()).extracting(OutboundRequest::endpointName).containsExactlyInAnyOrder("a", "b");
        assertThat(listener.outcomes).extracting(DeliveryOutcome::status).containsOnly(DeliveryStatus.DELIVERED);
        assertThat(d.stats().deliveriesDelivered()).isEqualTo(2);
    }

    @Test
    void anEventNoEndpointWantsIsNoMatch() {
        Dispatcher d = dispatcher(endpoint("violations", EventType.VIOLATION)).build();
        assertThat(d.dispatch(toolSuccess()).status()).isEqualTo(DispatchResult.Status.NO_MATCH);
        assertThat(transport.requests()).isEmpty();
    }

    @Test
    void rendersOncePerDistinctTemplateAndSharesTheBytes() {
        Endpoint custom = endpoint("custom", EventType.TOOL_SUCCESS).toBuilder().template("slack").build();
        Dispatcher d = dispatcher(endpoint("a", EventType.TOOL_SUCCESS), endpoint("b", EventType.TOOL_SUCCESS),
                endpoint("c", EventType.TOOL_SUCCESS), custom).build();

        d.dispatch(toolSuccess());

        assertThat(renderer.renders("default")).isEqualTo(1);
        assertThat(renderer.renders("slack")).isEqualTo(1);
        assertThat(transport.requestsTo("a").get(0).body()).isSameAs(transport.requestsTo("b").get(0).body());
        assertThat(new String(transport.requestsTo("custom").get(0).body())).contains("slack");
    }

    @Test
    void retriesOnTheSeedsScheduleWithTheSameIdAndBodyAndANewSignaturePerAttempt() {
        SignerFactory stamping = spec -> (input, headers) -> headers.accept("x-signed-at",
                input.deliveryId() + "@" + input.timestamp().getEpochSecond());
        transport.answer("a", TransportResponse.of(500), TransportResponse.of(502), TransportResponse.of(503),
                TransportResponse.of(500));
        Dispatcher d = dispatcher(endpoint("a", EventType.TOOL_SUCCESS)).signerFactory(stamping).build();

        String id = d.dispatch(toolSuccess()).deliveryIds().get(0);
        clock.advance(Duration.ofMinutes(1));

        assertThat(clock.scheduledDelays()).extracting(Duration::toMillis).containsExactly(1000L, 2000L, 4000L);
        List<OutboundRequest> sent = transport.requestsTo("a");
        assertThat(sent).hasSize(4).extracting(OutboundRequest::deliveryId).containsOnly(id);
        assertThat(sent).extracting(OutboundRequest::attempt).containsExactly(1, 2, 3, 4);
        assertThat(sent).extracting(r -> r.headers().get("x-signed-at"))
                .containsExactly(id + "@" + T0.getEpochSecond(), id + "@" + (T0.getEpochSecond() + 1),
                        id + "@" + (T0.getEpochSecond() + 3), id + "@" + (T0.getEpochSecond() + 7));
        assertThat(sent).allSatisfy(r -> assertThat(r.body()).isSameAs(sent.get(0).body()));
        DeliveryOutcome outcome = listener.outcomeFor("a");
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.EXHAUSTED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(outcome.lastStatusCode()).isEqualTo(500);
    }

    @Test
    void stopsRetryingOnceDelivered() {
        transport.answer("a", TransportResponse.of(503), TransportResponse.of(200));
        Dispatcher d = dispatcher(endpoint("a", EventType.TOOL_SUCCESS)).build();

        d.dispatch(toolSuccess());
        clock.advance(Duration.ofMillis(999));
        assertThat(transport.requests()).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(transport.requests()).hasSize(2);
        clock.advance(Duration.ofHours(1));

        assertThat(transport.requests()).hasSize(2);
        assertThat(listener.outcomeFor("a").status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(listener.attempts).extracting(AttemptRecord::statusCode).containsExactly(503, 200);
        assertThat(listener.attempts.get(0).nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(d.stats().retries()).isEqualTo(1);
    }

    @Test
    void waitsAsLongAsRetryAfterAsks() {
        transport.answer("a", TransportResponse.withRetryAfter(429, Duration.ofSeconds(30)));
        Dispatcher d = dispatcher(endpoint("a", EventType.TOOL_SUCCESS)).build();

        d.dispatch(toolSuccess());
        clock.advance(Duration.ofSeconds(29));
        assertThat(transport.requests()).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(transport.requests()).hasSize(2);
        assertThat(listener.outcomeFor("a").status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void gone410EndsTheDeliveryAndDisablesTheEndpoint() {
        transport.answer("a", TransportResponse.of(410));
        Dispatcher d = dispatcher(endpoint("a", EventType.TOOL_SUCCESS), endpoint("b", EventType.TOOL_SUCCESS))
                .build();

        d.dispatch(toolSuccess());
        clock.advance(Duration.ofMinutes(1));

        assertThat(listener.outcomeFor("a").status()).isEqualTo(DeliveryStatus.GONE);
        assertThat(transport.requestsTo("a")).hasSize(1);
        assertThat(listener.disabled).containsExactly("a");
        assertThat(d.isActive("a")).isFalse();
        d.dispatch(toolSuccess());
        assertThat(transport.requestsTo("a")).hasSize(1);
        assertThat(transport.requestsTo("b")).hasSize(2);
    }

    @Test
    void finalAnswersAreNotRetried() {
        transport.answer("bad-request", TransportResponse.of(400));
        transport.answer("unauthorized", TransportResponse.of(401));
        transport.answer("redirect", TransportResponse.of(302));
        Dispatcher d = dispatcher(endpoint("bad-request", EventType.TOOL_SUCCESS),
                endpoint("unauthorized", EventType.TOOL_SUCCESS), endpoint("redirect", EventType.TOOL_SUCCESS))
                .build();

        d.dispatch(toolSuccess());
        clock.advance(Duration.ofMinutes(5));

        assertThat(transport.requests()).hasSize(3);
        assertThat(listener.outcomes).extracting(DeliveryOutcome::status).containsOnly(DeliveryStatus.REJECTED);
    }

    @Test
    void networkErrorsAreRetriedButARefusalIsFinal() {
        transport.fail("flaky", new TransportException(TransportException.Kind.CONNECT, "connection refused"));
        transport.fail("private", new TransportException(TransportException.Kind.BLOCKED, "10.0.0.1 is private"));
        transport.fail("odd", new IllegalStateException("surprise"));
        Dispatcher d = dispatcher(endpoint("flaky", EventType.TOOL_SUCCESS), endpoint("private",
                EventType.TOOL_SUCCESS), endpoint("odd", EventType.TOOL_SUCCESS)).build();

        d.dispatch(toolSuccess());
        clock.advance(Duration.ofMinutes(1));

        assertThat(listener.outcomeFor("flaky").status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(listener.outcomeFor("flaky").attempts()).isEqualTo(2);
        assertThat(listener.outcomeFor("odd").status()).isEqualTo(DeliveryStatus.DELIVERED);
        DeliveryOutcome blocked = listener.outcomeFor("private");
        assertThat(blocked.status()).isEqualTo(DeliveryStatus.REJECTED);
        assertThat(blocked.attempts()).isEqualTo(1);
        assertThat(blocked.lastError()).contains("10.0.0.1 is private");
    }

    @Test
    void whenFullDispatchRefusesAtOnceAndCounts() {
        transport.holdAll();
        Dispatcher d = dispatcher(endpoint("a", EventType.TOOL_SUCCESS), endpoint("b", EventType.TOOL_SUCCESS))
                .capacity(5).build();

        assertThat(d.dispatch(toolSuccess()).accepted()).isTrue();
        assertThat(d.dispatch(toolSuccess()).accepted()).isTrue();
        DispatchResult third = d.dispatch(toolSuccess());

        assertThat(third.status()).isEqualTo(DispatchResult.Status.REJECTED_FULL);
        assertThat(third.deliveryIds()).isEmpty();
        assertThat(d.stats().eventsRejected()).isEqualTo(1);
        assertThat(d.stats().outstanding()).isEqualTo(4);
        assertThat(listener.rejections).containsExactly(third);

        transport.completeHeld(200);
        assertThat(d.stats().outstanding()).isZero();
        assertThat(d.dispatch(toolSuccess()).accepted()).isTrue();
    }

    @Test
    void boundsAttemptsInFlightPerEndpoint() {
        transport.holdAll();
        Dispatcher d = dispatcher(endpoint("a", EventType.TOOL_SUCCESS)).maxInFlightPerEndpoint(2).build();
        for (int i = 0; i < 5; i++) {
            d.dispatch(toolSuccess());
        }
        assertThat(transport.heldCount()).isEqualTo(2);
        assertThat(d.stats().inFlight()).isEqualTo(2);

        transport.completeHeld(200);

        assertThat(transport.requests()).hasSize(5);
        assertThat(d.stats().deliveriesDelivered()).isEqualTo(5);
    }

    @Test
    void aDeliveryQueuedBehindOneThatEndsUnsentIsStillSent() {
        // The first signing hands a second event over before it fails: the second queues behind the first's place
        // in flight, which the failure then frees without any answer to come.
        Dispatcher[] self = new Dispatcher[1];
        AtomicInteger signings = new AtomicInteger();
        SignerFactory reentrant = spec -> (input, headers) -> {
            if (signings.incrementAndGet() == 1) {
                self[0].dispatch(toolSuccess());
                throw new IllegalStateException("key store unavailable");
            }
        };
        self[0] = dispatcher(endpoint("a", EventType.TOOL_SUCCESS)).signerFactory(reentrant)
                .maxInFlightPerEndpoint(1).build();

        self[0].dispatch(toolSuccess());

        assertThat(listener.outcomes).extracting(DeliveryOutcome::status)
                .containsExactlyInAnyOrder(DeliveryStatus.FAILED_TO_PREPARE, DeliveryStatus.DELIVERED);
        assertThat(self[0].stats().outstanding()).isZero();
    }

    @Test
    void anEndpointThatNeverAnswersDoesNotTakeThePlacesOfAnother() {
        Dispatcher d = Dispatcher.builder().endpoint(endpoint("stuck", EventType.TOOL_SUCCESS))
                .endpoint(endpoint("healthy", EventType.TOOL_SUCCESS)).templateRenderer(renderer).scheduler(clock)
                .executor(Runnable::run).listener(listener).maxInFlightPerEndpoint(4)
                .transport(request -> request.endpointName().equals("stuck") ? new CompletableFuture<>()
                        : CompletableFuture.completedFuture(TransportResponse.of(200)))
                .build();

        for (int i = 0; i < 50; i++) {
            d.dispatch(toolSuccess());
        }

        assertThat(listener.outcomes).hasSize(50).allMatch(o -> o.endpointName().equals("healthy"));
        assertThat(d.stats().inFlight()).isEqualTo(4);
        assertThat(d.stats().outstanding()).isEqualTo(50);
    }

    @Test
    void dispatchReturnsWhileRenderingIsStuck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountingRenderer inner = new CountingRenderer();
        Dispatcher d = Dispatcher.builder().endpoint(endpoint("a", EventType.TOOL_SUCCESS)).transport(transport)
                .listener(listener).templateRenderer((event, ep) -> {
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return inner.select(event, ep);
                }).build();
        try {
            CompletableFuture<DispatchResult> call = CompletableFuture.supplyAsync(() -> d.dispatch(toolSuccess()));
            assertThat(call.get(5, TimeUnit.SECONDS).accepted()).isTrue();
            assertThat(listener.outcomes).isEmpty();
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> listener.outcomes.size() == 1);
        } finally {
            release.countDown();
            d.close();
        }
    }

    @Test
    void aTemplateThatFailsOnlyFailsItsOwnDeliveries() {
        Endpoint broken = endpoint("broken", EventType.TOOL_SUCCESS).toBuilder().template("broken").build();
        Dispatcher d = dispatcher(broken, endpoint("fine", EventType.TOOL_SUCCESS)).build();

        d.dispatch(toolSuccess());

        DeliveryOutcome failed = listener.outcomeFor("broken");
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED_TO_PREPARE);
        assertThat(failed.lastError()).contains("template 'broken'").contains("metadata.missing");
        assertThat(listener.outcomeFor("fine").status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void closeDrainsDeliveriesInFlight() {
        Dispatcher d = Dispatcher.builder().endpoint(endpoint("a", EventType.TOOL_SUCCESS)).listener(listener)
                .templateRenderer(renderer)
                .transport(request -> CompletableFuture.supplyAsync(() -> TransportResponse.of(200),
                        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)))
                .build();
        for (int i = 0; i < 20; i++) {
            d.dispatch(toolSuccess());
        }

        CloseReport report = d.close(Duration.ofSeconds(10));

        assertThat(report.drained()).isTrue();
        assertThat(report.undelivered()).isEmpty();
        assertThat(listener.outcomes).hasSize(20).allMatch(o -> o.status() == DeliveryStatus.DELIVERED);
        assertThat(d.dispatch(toolSuccess()).status()).isEqualTo(DispatchResult.Status.REJECTED_CLOSED);
    }

    @Test
    void closeReportsExactlyWhatItCouldNotDeliver() {
        transport.answer("retrying", TransportResponse.of(503));
        Dispatcher d = dispatcher(endpoint("retrying", EventType.TOOL_SUCCESS), endpoint("ok",
                EventType.TOOL_SUCCESS)).build();
        String waitingId = d.dispatch(toolSuccess()).deliveryIds().get(0);
        transport.holdAll();
        d.dispatch(toolSuccess());

        CloseReport report = d.close(Duration.ofMillis(50));

        assertThat(report.drained()).isFalse();
        assertThat(report.undelivered()).hasSize(3).allMatch(o -> o.status() == DeliveryStatus.CANCELLED);
        assertThat(report.undelivered()).extracting(DeliveryOutcome::deliveryId).contains(waitingId);
        assertThat(clock.pending()).isZero();
        transport.completeHeld(200);
        assertThat(listener.outcomes).hasSize(4);
        assertThat(d.stats().outstanding()).isZero();
    }

    @Test
    void badAuthenticationFailsAtBuildNamingEveryEndpoint() {
        SignerFactory strict = spec -> {
            throw new IllegalArgumentException("authentication.hmac_algorithm: must be one of sha256, got 'md5'");
        };
        Endpoint a = endpoint("a", EventType.TOOL_SUCCESS).toBuilder()
                .authentication(AuthSpec.of("hmac", java.util.Map.of("hmac_secret", "s"))).build();
        Endpoint b = endpoint("b", EventType.TOOL_SUCCESS);

        assertThatThrownBy(() -> dispatcher(a, b).signerFactory(strict).build())
                .hasMessageContaining("endpoint 'a': authentication.hmac_algorithm")
                .hasMessageContaining("endpoint 'b': authentication.hmac_algorithm");
        assertThatThrownBy(() -> dispatcher(a, a).build()).hasMessageContaining("endpoint 'a': name used");
    }

    @Test
    void aThrowingListenerBreaksNothing() {
        Dispatcher d = dispatcher(endpoint("a", EventType.TOOL_SUCCESS)).listener(new DeliveryListener() {
            @Override
            public void onOutcome(DeliveryOutcome outcome) {
                throw new IllegalStateException("listener bug");
            }
        }).build();

        d.dispatch(toolSuccess());

        assertThat(listener.outcomes).hasSize(1);
        assertThat(d.stats().outstanding()).isZero();
    }

    @Test
    void sendsTheDeliveryIdAsWebhookIdOnEveryAttemptWhateverTheSigning() {
        transport.answer("a", TransportResponse.of(503), TransportResponse.of(200));
        Dispatcher d = dispatcher(endpoint("a", EventType.TOOL_SUCCESS)).build();

        String id = d.dispatch(toolSuccess()).deliveryIds().get(0);
        clock.advance(Duration.ofMinutes(1));

        assertThat(transport.requestsTo("a")).hasSize(2)
                .allSatisfy(r -> assertThat(r.headers()).containsEntry("webhook-id", id));
        assertThat(listener.outcomeFor("a").status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void aSignerSeesTheIdItSendsAndCannotSendAnother() {
        SignerFactory echoing = spec -> (input, headers) -> headers.accept("webhook-id", input.deliveryId());
        Dispatcher d = dispatcher(endpoint("a", EventType.TOOL_SUCCESS)).signerFactory(echoing).build();
        String id = d.dispatch(toolSuccess()).deliveryIds().get(0);
        assertThat(transport.requestsTo("a").get(0).headers()).containsEntry("webhook-id", id).hasSize(1);

        SignerFactory lying = spec -> (input, headers) -> headers.accept("Webhook-Id", "msg_other");
        RecordingListener heard = new RecordingListener();
        Dispatcher liar = dispatcher(endpoint("b", EventType.TOOL_SUCCESS)).signerFactory(lying).listener(heard)
                .build();
        liar.dispatch(toolSuccess());
        assertThat(transport.requestsTo("b")).isEmpty();
        assertThat(heard.outcomeFor("b").status()).isEqualTo(DeliveryStatus.FAILED_TO_PREPARE);
    }
}
