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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sender without Herald, for comparison: the same bodies (each event rendered once with the same template and
 * renderer as Herald), the same signer called for each request, and the same bound on deliveries in flight. No
 * retries, no circuit breaker, no SSRF guard: only a 2xx answer counts as delivered. Subclasses say how a request
 * goes out.
 */
public abstract class BaselineLoad implements AutoCloseable {
    protected final LoadSpec spec;
    private final CompiledTemplate template;
    private final RequestSigner signer;

    protected BaselineLoad(LoadSpec spec) {
        this.spec = spec;
        Endpoint endpoint = Endpoint.builder(spec.url().toString()).filter(EventFilter.of(EventType.TOOL_SUCCESS))
                .build();
        this.template = new FreemarkerTemplateRenderer(TemplateConfig.ofDefaults())
                .select(LoadEvents.event(0), endpoint);
        this.signer = new AuthSignerFactory().create(spec.signing().authSpec());
    }

    /** Sends the warm-up, then the timed batch. */
    public LoadResult run() throws InterruptedException {
        try {
            LoadResult warmup = batch(spec.warmupEvents());
            return batch(spec.events()).plusFailed(warmup.failed());
        } finally {
            close();
        }
    }

    /** POSTs the body with the headers; calls {@code window.completed} once with whether a 2xx came back. */
    protected abstract void post(byte[] body, Map<String, String> headers, DeliveryWindow window);

    @Override
    public void close() {
        // Nothing to release unless the subclass says so.
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
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", "application/json");
                signer.sign(new SigningInput(body, EventIds.newDeliveryId(), Instant.now()), headers::put);
                post(body, headers, window);
            } catch (RuntimeException e) {
                window.completed(false);
            }
        }
    }
}
