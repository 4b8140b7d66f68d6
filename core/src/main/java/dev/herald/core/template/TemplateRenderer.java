package dev.herald.core.template;

import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;

/**
 * Chooses the compiled template for an event and an endpoint. Templates are compiled at start-up; choosing is
 * cheap. Endpoints that get the same {@link CompiledTemplate} for an event share one rendering of it.
 */
@FunctionalInterface
public interface TemplateRenderer {
    /** The template to render this event with for this endpoint. */
    CompiledTemplate select(Event event, Endpoint endpoint);
}
