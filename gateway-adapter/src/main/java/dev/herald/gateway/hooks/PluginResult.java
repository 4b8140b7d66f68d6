package dev.herald.gateway.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What a hook answers. A notifier never blocks and never modifies, so Herald always answers
 * {@link #CONTINUE}: {@code {"continue_processing": true, "modified_payload": null, "violation": null,
 * "metadata": {}}}.
 *
 * @param continueProcessing whether the gateway goes on
 * @param modifiedPayload a replacement payload, always null here
 * @param violation a violation that stops the request, always null here
 * @param metadata metadata for the gateway
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PluginResult(@JsonProperty("continue_processing") boolean continueProcessing,
        @JsonProperty("modified_payload") Object modifiedPayload, PluginViolation violation,
        Map<String, Object> metadata) {

    /** Go on, nothing changed. */
    public static final PluginResult CONTINUE = new PluginResult(true, null, null, Map.of());
}
