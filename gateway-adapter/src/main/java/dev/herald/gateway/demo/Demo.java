package dev.herald.gateway.demo;

import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.engine.Herald;
import dev.herald.engine.HeraldConfig;
import dev.herald.transport.http.HttpTransportConfig;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Herald's main job on its embedded default: a few hundred realistic gateway events through the whole pipeline
 * (filter, FreeMarker, signing, reactor-netty, retries) to a local receiver that verifies every signature and
 * misbehaves on purpose. Needs no config and no network beyond loopback.
 */
public final class Demo {
    private static final Duration DEADLINE = Duration.ofSeconds(50);

    private final PrintStream out;
    private final PrintStream err;

    public Demo(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the demo with {@code eventCount} events; 0 when every delivery that should succeed did. */
    public int run(int eventCount) throws InterruptedException {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        String standardSecret = "whsec_" + Base64.getEncoder().encodeToString(key);
        random.nextBytes(key);
        String hmacSecret = HexFormat.of().formatHex(key);
        random.nextBytes(key);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(key);

        try (DemoReceiver receiver = new DemoReceiver(standardSecret, hmacSecret, token)) {
            List<Row> rows = List.of(
                    new Row("standard-webhooks", DemoReceiver.STANDARD, "standard_webhooks v1",
                            AuthSpec.of("standard_webhooks", Map.of("secret", standardSecret))),
                    new Row("seed-hmac", DemoReceiver.HMAC, "hmac sha256",
                            AuthSpec.of("hmac", Map.of("hmac_secret", hmacSecret, "hmac_algorithm", "sha256"))),
                    new Row("bearer", DemoReceiver.BEARER, "bearer", AuthSpec.of("bearer", Map.of("token", token))),
                    new Row("retired", DemoReceiver.GONE, "none", AuthSpec.NONE));
            RetryPolicy retry = RetryPolicy.builder().retryAttempts(4).baseDelay(Duration.ofMillis(100))
                    .maxDelay(Duration.ofSeconds(2)).jitter(0.2).maxRetryAfter(Duration.ofSeconds(5)).build();
            List<Endpoint> endpoints = rows.stream().map(r -> Endpoint.builder(receiver.url(r.path)).name(r.name)
                    .filter(EventFilter.of(EventType.BUILT_IN)).authentication(r.auth).retryPolicy(retry)
                    .timeout(Duration.ofSeconds(5)).build()).toList();
            HeraldConfig config = HeraldConfig.builder().endpoints(endpoints)
                    .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8")
                            // A circuit that opens during a short demo should probe again soon.
                            .endpointDefaults(p -> p.circuitBreaker(c -> c.waitInOpenState(Duration.ofSeconds(2))))
                            .build())
                    .build();
            DemoTally tally = new DemoTally();

            out.printf("herald demo: %d gateway events to %d endpoints on a local receiver (port %d)%n", eventCount,
                    endpoints.size(), receiver.port());
            int deliveries = 0;
            int rejected = 0;
            long started = System.nanoTime();
            try (Herald herald = Herald.start(config, binder -> Multibinder.newSetBinder(binder,
                    DeliveryListener.class).addBinding().toInstance(tally))) {
                for (Event event : DemoEvents.generate(eventCount, Instant.now())) {
                    var result = herald.dispatcher().dispatch(event);
                    deliveries += result.deliveryIds().size();
                    rejected += result.rejected() ? 1 : 0;
                }
                int total = deliveries;
                int[] shown = {-1};
                boolean done = tally.awaitFinished(total, DEADLINE, Duration.ofMillis(250), () -> {
                    int now = tally.finished();
                    if (now != shown[0]) {
                        shown[0] = now;
                        err.printf("\r  %d/%d deliveries finished", now, total);
                    }
                });
                err.printf("\r  %d/%d deliveries finished in %.1f s%n", tally.finished(), total,
                        (System.nanoTime() - started) / 1e9);
                if (!done) {
                    err.println("demo: not every delivery finished within " + DEADLINE.toSeconds() + " s");
                }
            }
            return report(rows, tally, receiver, eventCount, deliveries, rejected);
        }
    }

    private int report(List<Row> rows, DemoTally tally, DemoReceiver receiver, int events, int deliveries,
            int rejected) {
        out.println();
        out.printf("%-18s %-22s %9s %8s %7s %5s %8s %8s %9s%n", "endpoint", "signing", "delivered", "retried",
                "failed", "gone", "p50 ms", "p99 ms", "verified");
        int delivered = 0;
        int retried = 0;
        int failed = 0;
        int verified = 0;
        boolean ok = rejected == 0;
        for (Row r : rows) {
            DemoTally.PerEndpoint e = tally.of(r.name);
            int ver = receiver.verified(r.path);
            out.printf("%-18s %-22s %9d %8d %7d %5d %8.2f %8.2f %9s%n", r.name, r.signing, e.delivered(),
                    e.retried(), e.failed(), e.gone(), e.latencyMillis(50), e.latencyMillis(99),
                    r.path.equals(DemoReceiver.GONE) ? "-" : String.valueOf(ver));
            delivered += e.delivered();
            retried += e.retried();
            failed += e.failed() + e.gone();
            verified += ver;
            if (r.path.equals(DemoReceiver.GONE)) {
                ok &= e.delivered() == 0 && e.gone() >= 1 && e.failed() == 0;
            } else {
                ok &= e.delivered() == events && e.failed() == 0 && e.gone() == 0 && receiver.refused(r.path) == 0;
            }
        }
        out.println();
        out.println("The retired endpoint answers 410 Gone: Herald disables it after its first answer, so its"
                + " deliveries count as failed by design.");
        out.printf("demo: events=%d deliveries=%d delivered=%d retried=%d failed=%d signatures_verified=%d%n",
                events, deliveries, delivered, retried, failed, verified);
        return ok ? 0 : 1;
    }

    private record Row(String name, String path, String signing, AuthSpec auth) {}
}
