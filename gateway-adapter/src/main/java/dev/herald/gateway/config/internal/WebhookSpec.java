package dev.herald.gateway.config.internal;

import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Condition;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.EventType;
import dev.herald.core.retry.RetryPolicy;
import dev.herald.transport.http.EndpointPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One webhook as read, waiting for its final name (which depends on the other webhooks) to become an
 * {@link Endpoint}.
 *
 * @param path where it is in the file, {@code webhooks[1]}
 * @param explicitName its {@code name}, or null to derive one from the URL
 * @param url its URL
 * @param events the event types it receives
 * @param authentication how it authenticates
 * @param retryPolicy when it is retried
 * @param timeout the bound on each request
 * @param enabled whether it receives events at all
 * @param headers extra headers
 * @param template the named template it always uses, or null
 * @param propagateTraceContext whether its requests may carry the attempt's W3C trace context
 * @param policy its own transport protection, or null for the defaults
 */
record WebhookSpec(String path, String explicitName, String url, Set<EventType> events, AuthSpec authentication,
        RetryPolicy retryPolicy, Duration timeout, boolean enabled, Map<String, String> headers, String template,
        boolean propagateTraceContext, EndpointPolicy policy) {

    /** The endpoint, under its final name, with the entry's conditions in its filter. */
    Endpoint toEndpoint(String name, List<Condition> conditions) {
        Endpoint.Builder b = Endpoint.builder(url).name(name)
                .filter(EventFilter.of(events).withConditions(conditions))
                .authentication(authentication).retryPolicy(retryPolicy).timeout(timeout).enabled(enabled)
                .headers(headers).propagateTraceContext(propagateTraceContext);
        if (template != null) {
            b.template(template);
        }
        return b.build();
    }
}
