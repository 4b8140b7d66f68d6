package dev.herald.gateway.hooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The gateway's global context of a request.
 *
 * @param requestId the request's id (required by the gateway)
 * @param user the user: a string or an object
 * @param tenantId the tenant
 * @param serverId the virtual server
 * @param state request-wide state shared by plugins
 * @param metadata request-wide metadata
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GlobalContext(@JsonProperty("request_id") String requestId, Object user,
        @JsonProperty("tenant_id") String tenantId, @JsonProperty("server_id") String serverId,
        Map<String, Object> state, Map<String, Object> metadata) {}
