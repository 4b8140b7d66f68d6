package dev.herald.gateway.hooks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.herald.core.event.Violation;
import java.util.Map;

/**
 * A violation as the gateway's plugins report it.
 *
 * @param reason short reason
 * @param description longer description
 * @param code machine code
 * @param details free details
 * @param mcpErrorCode the MCP error code, if any
 * @param httpStatusCode the HTTP status, if any
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PluginViolation(String reason, String description, String code, Map<String, Object> details,
        @JsonProperty("mcp_error_code") Integer mcpErrorCode,
        @JsonProperty("http_status_code") Integer httpStatusCode) {

    /** The core's violation. */
    public Violation toViolation() {
        return new Violation(reason, description, code, details, mcpErrorCode, httpStatusCode);
    }
}
