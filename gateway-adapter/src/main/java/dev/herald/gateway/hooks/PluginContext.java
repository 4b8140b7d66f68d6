package dev.herald.gateway.hooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.core.event.RequestContext;
import java.util.Map;

/**
 * The context the gateway hands each hook.
 *
 * @param state the plugin's own state for this request
 * @param metadata the plugin's metadata for this request
 * @param globalContext the request's global context
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PluginContext(Map<String, Object> state, Map<String, Object> metadata,
        @JsonProperty("global_context") GlobalContext globalContext) {

    /** The request context Herald's events carry. */
    public RequestContext requestContext() {
        GlobalContext g = globalContext;
        return g == null ? RequestContext.NONE
                : new RequestContext(g.requestId(), g.user(), g.tenantId(), g.serverId());
    }
}
