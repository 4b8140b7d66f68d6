package dev.herald.gateway.cli;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.endpoint.UrlMasking;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import dev.herald.core.template.CompiledTemplate;
import dev.herald.gateway.config.LoadedPluginConfig;
import dev.herald.templates.FreemarkerTemplateRenderer;
import dev.herald.templates.TemplateConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code herald check}: validates a config, lists its endpoints and shows what each template renders. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validates a config and shows what each template renders.", "",
            "Lists each endpoint (URL without its path and query, events, signing, retry schedule), then prints the"
            + " body each template renders for a sample event.", "",
            "Exit codes: 0 the config is valid; 1 it is not, with every error listed; 2 bad usage."},
        optionListHeading = "%nOptions:%n", footerHeading = "%nExample:%n",
        footer = {"  herald check --config plugins/config.yaml"})
final class CheckCommand implements Callable<Integer> {
    /** The types the seed's classification gives a violation: their samples carry one. */
    private static final Set<EventType> VIOLATION_TYPES = Set.of(EventType.VIOLATION,
            EventType.RATE_LIMIT_EXCEEDED, EventType.PII_DETECTED, EventType.HARMFUL_CONTENT);

    @Mixin
    ConfigOptions options;

    private final PrintStream out;
    private final PrintStream err;

    CheckCommand() {
        this(System.out, System.err);
    }

    CheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        LoadedPluginConfig loaded = options.load("check", err);
        if (loaded == null) {
            return 1;
        }
        // On standard error, with the errors' layout: what CI greps for, and what must not drown in the listing.
        loaded.warnings().forEach(w -> err.println("check: warning: " + w));
        out.printf("plugin %s (%s)%n", loaded.pluginName(), loaded.kind());
        out.printf("  hooks: %s; mode: %s; priority: %d; conditions: %d%n", String.join(", ", loaded.hooks()),
                loaded.mode(), loaded.priority(), loaded.conditions().size());
        List<Endpoint> endpoints = loaded.herald().endpoints();
        out.printf("%d endpoint%s%n", endpoints.size(), endpoints.size() == 1 ? "" : "s");
        for (Endpoint e : endpoints) {
            out.printf("  %s%s%n", e.name(), e.enabled() ? "" : " (disabled)");
            out.printf("    url:     %s%n", UrlMasking.endpoint(e.url()));
            out.printf("    events:  %s%n", e.filter().types().stream().map(EventType::name).sorted()
                    .collect(Collectors.joining(", ")));
            out.printf("    signing: %s%n", signing(e));
            List<Duration> schedule = e.retryPolicy().schedule();
            out.printf("    retries: %d%s; timeout %d s%n", schedule.size(), schedule.isEmpty() ? ""
                    : " after " + schedule.stream().map(CheckCommand::seconds).collect(Collectors.joining(", ")),
                    e.timeout().toSeconds());
            if (e.propagateTraceContext()) {
                // Said out loud: it hands trace ids to whoever runs the receiver.
                out.printf("    traces:  each request carries its trace context (traceparent)%n");
            }
        }
        renderSamples(loaded.herald().templates());
        int warnings = loaded.warnings().size();
        out.println("check: the config is valid" + (warnings == 0 ? ""
                : ", with " + warnings + " warning" + (warnings == 1 ? "" : "s")));
        return 0;
    }

    private void renderSamples(TemplateConfig templates) {
        FreemarkerTemplateRenderer renderer = new FreemarkerTemplateRenderer(templates);
        Map<String, Event> samples = new LinkedHashMap<>();
        samples.put("default_template", sample(EventType.TOOL_SUCCESS));
        templates.payloadTemplates().keySet().forEach(type -> samples.put("payload_templates." + type,
                sample(EventType.of(type))));
        for (Map.Entry<String, Event> s : samples.entrySet()) {
            Endpoint any = Endpoint.builder("https://sample.invalid/").filter(
                    EventFilter.of(s.getValue().type())).build();
            CompiledTemplate t = renderer.select(s.getValue(), any);
            print(s.getKey(), s.getValue(), t);
        }
        for (String name : templates.namedTemplates().keySet()) {
            if (renderer.fragments().contains(name)) {
                out.printf("templates.%s: a fragment, checked inside each template that includes it%n", name);
                continue;
            }
            renderer.namedTemplate(name).ifPresent(t -> print("templates." + name, sample(EventType.TOOL_ERROR), t));
        }
    }

    private void print(String key, Event sample, CompiledTemplate template) {
        out.printf("%s, for a sample %s event:%n", key, sample.type().name());
        String body = new String(template.render(sample), StandardCharsets.UTF_8);
        body.lines().forEach(l -> out.println("  " + l));
    }

    static Event sample(EventType type) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("tool_name", "search_web");
        if (type.equals(EventType.TOOL_ERROR)) {
            metadata.put("error", "upstream answered 502");
        }
        Event.Builder b = Event.builder(type).id("evt_sample").time(Instant.parse("2026-11-29T12:00:00Z"))
                .context(new RequestContext("req-sample", "alice@example.com", "acme", "srv-1")).metadata(metadata);
        if (VIOLATION_TYPES.contains(type)) {
            b.violation(Violation.of("PII detected", "an SSN-like number in the output", "PII",
                    Map.of("field", "result")));
        }
        return b.build();
    }

    private static String signing(Endpoint e) {
        var auth = e.authentication();
        return switch (auth.type()) {
            case "hmac" -> "hmac " + auth.string("hmac_algorithm").orElse("sha256") + " in "
                    + auth.string("hmac_header").orElse("X-Signature");
            case "api_key" -> "api_key in " + auth.string("api_key_header").orElse("X-API-Key");
            case "bearer" -> "bearer token in Authorization";
            case "standard_webhooks" -> "standard_webhooks (webhook-id, webhook-timestamp, webhook-signature)";
            default -> auth.type();
        };
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
