package dev.herald.gateway.config.internal;

import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.transport.http.EndpointPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one entry of {@code webhooks}: the seed's keys with their defaults and ranges, and Herald's additions.
 * Each field is checked on its own, by the same code that will use it, so that every error of the webhook is
 * reported at once and none waits for start-up.
 */
final class WebhookReader {
    static final List<String> KEYS = KnownKeys.WEBHOOK;

    // A syntactically valid stand-in, so that one field can be checked while the others are wrong.
    private static final String PROBE_URL = "https://probe.invalid/";
    private static final String PROBE_NAME = "probe";
    private static final long MAX_MILLIS = Fields.MAX_SECONDS * 1000;
    private static final Duration DEFAULT_MAX_RETRY_AFTER = RetryPolicy.DEFAULT.maxRetryAfter();

    private WebhookReader() {}

    /**
     * The webhook, or empty when it has any error (all of them recorded).
     *
     * @param templateNames the named templates, or null when they could not be read (no reference is checked)
     */
    static Optional<WebhookSpec> read(Object raw, String path, Collection<String> templateNames, Problems problems) {
        Fields w = Fields.of(raw, path, problems).orElse(null);
        if (w == null) {
            return Optional.empty();
        }
        int before = problems.count();
        w.rejectUnknown(KEYS);
        String url = w.requiredString("url", "the webhook's http or https URL");
        if (url != null) {
            probe(w, () -> Endpoint.builder(url).name(PROBE_NAME).build());
        }
        String name = w.string("name", null);
        if (name != null) {
            probe(w, () -> Endpoint.builder(PROBE_URL).name(name).build());
        }
        Set<EventType> events = EventTypeReader.events(w);
        if (w.has("events") && events.isEmpty() && problems.count() == before) {
            problems.add(w.path("events"), "must name at least one event type");
        }
        AuthSpec authentication = AuthReader.read(w);
        if (url != null && authentication != null && problems.count() == before) {
            warnIfClearText(w, url, authentication);
        }
        RetryPolicy retry = retryPolicy(w);
        Duration timeout = Duration.ofSeconds(w.integer("timeout", 10, 1, 120));
        boolean enabled = w.bool("enabled", true);
        Map<String, String> headers = w.stringMap("headers", true);
        headers.forEach((k, v) -> probe(w, () -> Endpoint.builder(PROBE_URL).name(PROBE_NAME)
                .headers(Map.of(k, v)).build()));
        String template = template(w, templateNames);
        boolean propagateTraceContext = w.bool("propagate_trace_context", false);
        EndpointPolicy policy = PolicyReader.read(w).orElse(null);
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new WebhookSpec(path, name, url, events, authentication, retry, timeout, enabled, headers,
                template, propagateTraceContext, policy));
    }

    private static RetryPolicy retryPolicy(Fields w) {
        int before = w.problems().count();
        int attempts = w.integer("retry_attempts", 3, 0, 10);
        int beforeDelay = w.problems().count();
        int delay = w.integer("retry_delay", 1000, 100, 60_000);
        boolean delayValid = w.problems().count() == beforeDelay;
        double jitter = w.decimal("retry_jitter", 0, 0, 1, false);
        Optional<Integer> maxDelay = w.optionalInteger("max_retry_delay", 100, MAX_MILLIS);
        Duration maxRetryAfter = w.seconds("max_retry_after", DEFAULT_MAX_RETRY_AFTER, true);
        if (delayValid && maxDelay.isPresent() && maxDelay.get() < delay) {
            w.problems().add(w.path("max_retry_delay"), "must be at least retry_delay (" + delay + "), got "
                    + maxDelay.get());
        }
        if (w.problems().count() != before) {
            return null;
        }
        RetryPolicy.Builder b = RetryPolicy.builder().retryAttempts(attempts).baseDelay(Duration.ofMillis(delay))
                .jitter(jitter).maxRetryAfter(maxRetryAfter);
        maxDelay.ifPresent(ms -> b.maxDelay(Duration.ofMillis(ms)));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            w.problems().addRelative(w.path(), e.getMessage());
            return null;
        }
    }

    private static String template(Fields w, Collection<String> templateNames) {
        String template = w.string("template", null);
        if (template != null && templateNames != null && !templateNames.contains(template)) {
            w.problems().add(w.path("template"), "unknown template " + w.describe(w.path("template"), template)
                    + (templateNames.isEmpty() ? "; no templates are defined (add them under 'templates')"
                            : "; known: " + String.join(", ", templateNames)
                                    + Suggestions.hint(template, templateNames)));
        }
        return template;
    }

    /**
     * A bearer token or an API key is the credential itself, so over plain HTTP anyone on the path can replay it;
     * loopback traffic never leaves the host. (A signature is not a credential: it is not warned about.)
     */
    private static void warnIfClearText(Fields w, String url, AuthSpec authentication) {
        if (!authentication.type().equals("bearer") && !authentication.type().equals("api_key")) {
            return;
        }
        URI uri = Endpoint.builder(url).name(PROBE_NAME).build().url();
        if (uri.getScheme().equalsIgnoreCase("http") && !isLoopback(uri.getHost())) {
            w.problems().warn(w.path("url"), "the " + (authentication.type().equals("bearer") ? "bearer token"
                    : "API key") + " is sent in clear text over http:// to " + uri.getHost()
                    + ", a host that is not loopback; use https");
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]")
                || h.equals("::1") || h.equals("[0:0:0:0:0:0:0:1]");
    }

    /** Runs a core validator on one field; its message names the key, relative to the webhook. */
    private static void probe(Fields w, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            w.problems().addRelative(w.path(), e.getMessage());
        }
    }
}
