package dev.herald.benchmarks.load;

import dev.herald.auth.AuthSignerFactory;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventIds;
import dev.herald.core.event.EventType;
import dev.herald.core.signing.RequestSigner;
import dev.herald.core.signing.SigningInput;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.templates.FreemarkerTemplateRenderer;
import dev.herald.templates.TemplateConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/**
 * The baseline: what a user would write by hand with {@code java.net.http.HttpClient.sendAsync}, with the same
 * bodies (each event rendered once with the same template and renderer as Herald), the same signer called for each
 * request, and the same bound on deliveries in flight. No retries, no circuit breaker, no SSRF guard: only a 2xx
 * answer counts as delivered.
 */
public final class JdkBaselineLoad {
    private final LoadSpec spec;
    private final HttpClient client;
    private final CompiledTemplate template;
    private final RequestSigner signer;

    /** Prepares the client, the template and the signer; nothing is sent before {@link #run()}. */
    public JdkBaselineLoad(LoadSpec spec) {
        this.spec = spec;
        // HTTP/1.1 as Herald and the receiver speak it; the default would first offer an h2c upgrade.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Endpoint endpoint = Endpoint.builder(spec.url().toString()).filter(EventFilter.of(EventType.TOOL_SUCCESS))
                .build();
        this.template = new FreemarkerTemplateRenderer(TemplateConfig.ofDefaults())
                .select(LoadEvents.event(0), endpoint);
        this.signer = new AuthSignerFactory().create(spec.signing().authSpec());
    }

    /** Sends the warm-up, then the timed batch. */
    public LoadResult run() throws InterruptedException {
        LoadResult warmup = batch(spec.warmupEvents());
        return batch(spec.events()).plusFailed(warmup.failed());
    }

    private LoadResult batch(int events) throws InterruptedException {
        DeliveryWindow[] window = new DeliveryWindow[1];
        window[0] = new DeliveryWindow(events, spec.endpoints(), spec.concurrency(), i -> send(i, window[0]));
        window[0].start();
        return window[0].await(spec.stallLimit());
    }

    private void send(int i, DeliveryWindow window) {
        Event event = LoadEvents.event(i);
        byte[] body = template.render(event);
        for (int k = 0; k < spec.endpoints(); k++) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(spec.url())
                        .timeout(LoadSpec.REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                signer.sign(new SigningInput(body, EventIds.newDeliveryId(), Instant.now()), request::header);
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, error) -> window.completed(
                                error == null && response.statusCode() / 100 == 2));
            } catch (RuntimeException e) {
                window.completed(false);
            }
        }
    }
}
