package dev.herald.templates.internal;

/**
 * The config values that shape the data model templates see.
 *
 * @param pluginName what templates see as {@code plugin_name}
 * @param includePayloadData whether {@code payload} is offered at all
 * @param maxPayloadSize the largest payload offered, in characters of compact JSON
 */
public record ModelSettings(String pluginName, boolean includePayloadData, int maxPayloadSize) {}
