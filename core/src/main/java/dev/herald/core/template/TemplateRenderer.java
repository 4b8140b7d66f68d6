package dev.herald.core.template;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import java.util.Collection;

/**
 * Chooses the compiled template for an event and an endpoint. Templates are compiled at start-up; choosing is
 * cheap. Endpoints that get the same {@link CompiledTemplate} for an event share one rendering of it.
 */
@FunctionalInterface
public interface TemplateRenderer {
    /** The template to render this event with for this endpoint. */
    CompiledTemplate select(Event event, Endpoint endpoint);

    /**
     * Checks at start-up that this renderer can serve every endpoint (a template an endpoint names exists, and
     * so on), so that a mistake stops the start rather than failing deliveries later. The composition root calls
     * it once, before the dispatcher is built; a renderer with nothing to check keeps this default, which accepts.
     *
     * @throws IllegalArgumentException naming each endpoint the renderer cannot serve, and why
     */
    default void validate(Collection<Endpoint> endpoints) {}
}
