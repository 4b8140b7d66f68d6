package dev.herald.benchmarks;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.DispatchObserver;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.Transport;
import dev.herald.core.transport.TransportResponse;
import dev.herald.templates.FreemarkerTemplateRenderer;
import dev.herald.templates.TemplateConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event, endpoints, templates, secrets and in-memory transports the benchmarks share, so that the pipeline,
 * the baselines and the template comparison all work on the same bytes and their numbers can be set side by side.
 */
public final class BenchmarkFixtures {
    /** A fixed time, so that every rendering of the benchmark event is the same bytes. */
    public static final Instant EVENT_TIME = Instant.parse("2026-11-29T12:00:00.123456Z");

    /** The seed's {@code hmac} secret of every signed benchmark endpoint. */
    public static final String HMAC_SECRET = "herald-benchmark-hmac-secret-0123456789";

    /** A Standard Webhooks {@code v1} secret: 32 fixed bytes, as a receiver would be handed. */
    public static final String STANDARD_WEBHOOKS_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "herald-benchmark-standard-whsec!".getBytes(StandardCharsets.US_ASCII));

    /**
     * The custom template: the README's Slack-style text, in the seed's syntax with dotted placeholders inside a
     * longer string, which is the other shape of template users write besides the default.
     */
    public static final String CUSTOM_TEMPLATE = "{\"text\": \"Tool {{metadata.tool_name}} failed for {{user}}: "
            + "{{metadata.error}}\", \"request_id\": \"{{request_id}}\", \"tenant\": \"{{tenant_id}}\"}";

    /** Signing settings by their {@code authentication.type}, the values of the benchmarks' {@code signing}. */
    public static final List<String> SIGNING = List.of("none", "hmac", "standard_webhooks");

    /** Template choices, the values of the benchmarks' {@code template}. */
    public static final List<String> TEMPLATES = List.of("default", "custom");

    private BenchmarkFixtures() {}

    /**
     * The benchmark event: a {@code tool_error} with every context field present and plain text values, so
     * that the seed's string replacement and Herald's escaping templates produce the same body for it.
     */
    public static Event event() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("tool_name", "search_docs");
        metadata.put("error", "upstream timed out after 30 s");
        return Event.builder(EventType.TOOL_ERROR)
                .id("evt_0192f5e0c0de7000800000000000beef")
                .time(EVENT_TIME)
                .context(new RequestContext("req-7f3a9c2e", "alice@example.com", "acme", "srv-eu-1"))
                .metadata(metadata)
                .build();
    }

    /** The {@code authentication} block of a signing choice. */
    public static AuthSpec auth(String signing) {
        return switch (signing) {
            case "none" -> AuthSpec.NONE;
            case "hmac" -> AuthSpec.of("hmac", Map.of("hmac_secret", HMAC_SECRET, "hmac_algorithm", "sha256"));
            case "standard_webhooks" -> AuthSpec.of("standard_webhooks", Map.of("secret", STANDARD_WEBHOOKS_SECRET));
            default -> throw new IllegalArgumentException("signing: unknown choice '" + signing + "'");
        };
    }

    /**
     * The template config of a template choice: the seed's defaults, or the custom template for the benchmark
     * event's type (so endpoints still share one rendering of it).
     */
    public static TemplateConfig templates(String template) {
        return switch (template) {
            case "default" -> TemplateConfig.ofDefaults();
            case "custom" -> TemplateConfig.builder().payloadTemplate(EventType.TOOL_ERROR.name(), CUSTOM_TEMPLATE)
                    .build();
            default -> throw new IllegalArgumentException("template: unknown choice '" + template + "'");
        };
    }

    /**
     * {@code count} endpoints under {@code baseUrl} ({@code <baseUrl>/0}, {@code /1}, ...), each taking tool
     * successes and errors, signed as {@code signing} says, with the seed's retry policy.
     */
    public static List<Endpoint> endpoints(int count, String signing, String baseUrl) {
        if (count < 1) {
            throw new IllegalArgumentException("endpoints: must be at least 1, got " + count);
        }
        AuthSpec auth = auth(signing);
        List<Endpoint> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Endpoint.builder(baseUrl + "/" + i)
                    .name("endpoint-" + i)
                    .filter(EventFilter.of(EventType.TOOL_SUCCESS, EventType.TOOL_ERROR))
                    .authentication(auth)
                    .build());
        }
        return out;
    }

    /** The body the seed's default template renders for the benchmark event, through Herald's renderer. */
    public static byte[] defaultBody() {
        Event event = event();
        FreemarkerTemplateRenderer renderer = new FreemarkerTemplateRenderer(TemplateConfig.ofDefaults());
        Endpoint any = endpoints(1, "none", "https://hooks.example.com/herald").get(0);
        return renderer.select(event, any).render(event);
    }

    /**
     * Builds the dispatcher with the observers that {@code modules} bind, through Guice as {@code Herald.start}
     * does, so that a module that watches the dispatcher once built (the metrics' backlog gauges) sees it too.
     */
    public static Dispatcher observedDispatcher(Dispatcher.Builder builder, List<Module> modules) {
        Module dispatcher = new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), DispatchObserver.class);
            }

            @Provides
            @Singleton
            Dispatcher dispatcher(Set<DispatchObserver> observers) {
                observers.forEach(builder::observer);
                return builder.build();
            }
        };
        List<Module> all = new ArrayList<>(modules);
        all.add(dispatcher);
        return Guice.createInjector(all).getInstance(Dispatcher.class);
    }

    /**
     * A transport that answers 200 at once, on the caller's thread. It keeps the last request: a store the JIT
     * must perform, so the request and the signing that built its headers cannot be optimised away.
     */
    public static final class InstantTransport implements Transport {
        private static final CompletableFuture<TransportResponse> OK =
                CompletableFuture.completedFuture(TransportResponse.of(200));

        private OutboundRequest last;
        private long sent;

        @Override
        public CompletionStage<TransportResponse> send(OutboundRequest request) {
            last = request;
            sent++;
            return OK;
        }

        /** The last request sent, or null. */
        public OutboundRequest last() {
            return last;
        }

        /** Requests sent; exact only when one thread sends. */
        public long sent() {
            return sent;
        }
    }

    /**
     * A transport whose answers never come: every attempt stays in flight, so deliveries pile up exactly as they
     * do behind an endpoint that accepts connections and never answers.
     */
    public static final class HoldingTransport implements Transport {
        private final AtomicLong sent = new AtomicLong();

        @Override
        public CompletionStage<TransportResponse> send(OutboundRequest request) {
            sent.incrementAndGet();
            return new CompletableFuture<>();
        }

        /** Requests sent, each still in flight. */
        public long sent() {
            return sent.get();
        }
    }
}
