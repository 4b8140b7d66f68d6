package dev.herald.core.event;

import dev.herald.core.internal.JsonValues;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A policy violation that a gateway plugin reported, as the gateway's {@code PluginViolation} carries it.
 *
 * @param reason short reason, which the seed's classification reads
 * @param description longer description
 * @param code machine code, {@code RATE_LIMIT} among others
 * @param details free JSON-like details
 * @param mcpErrorCode the MCP error code, or null
 * @param httpStatusCode the HTTP status the gateway answers with, or null
 */
public record Violation(String reason, String description, String code, Map<String, Object> details,
        Integer mcpErrorCode, Integer httpStatusCode) {

    public Violation {
        details = JsonValues.copyOfMap(details, "violation.details");
    }

    /** A violation with the four fields of the seed's template context. */
    public static Violation of(String reason, String description, String code, Map<String, ?> details) {
        return new Violation(reason, description, code, JsonValues.copyOfMap(details, "violation.details"), null, null);
    }

    /** The violation as templates see it: the gateway's field names, nulls kept as the seed's {@code dict()} does. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reason", reason);
        m.put("description", description);
        m.put("code", code);
        m.put("details", details);
        if (mcpErrorCode != null) {
            m.put("mcp_error_code", mcpErrorCode);
        }
        if (httpStatusCode != null) {
            m.put("http_status_code", httpStatusCode);
        }
        return m;
    }
}
