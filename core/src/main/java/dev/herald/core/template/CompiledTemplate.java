package dev.herald.core.template;

import dev.herald.core.event.Event;

/** A template ready to render events to bytes. Thread-safe. */
public interface CompiledTemplate {
    /** The template's key, for records and errors. */
    String key();

    /**
     * Renders the event to the exact bytes to send.
     *
     * @throws TemplateRenderException when this event cannot be rendered; only this delivery fails
     */
    byte[] render(Event event);
}
