package dev.herald.core.event;

import dev.herald.core.internal.JsonValues;
import java.util.Map;

/**
 * The gateway request an event belongs to: its global context.
 *
 * @param requestId the gateway's request id
 * @param user the user: a string, a JSON-like map (the gateway may send an object), or null
 * @param tenantId the tenant, or null
 * @param serverId the virtual server, or null
 */
public record RequestContext(String requestId, Object user, String tenantId, String serverId) {
    /** A context with no request at all, for hosts other than the gateway. */
    public static final RequestContext NONE = new RequestContext(null, null, null, null);

    public RequestContext {
        user = JsonValues.copyOf(user, "user");
    }

    /**
     * The user as one string, for filters and logs: the string itself, or for a structured user its
     * {@code email}, {@code username}, {@code name} or {@code id}, the first present; null when there is none.
     */
    public String userLabel() {
        if (user == null) {
            return null;
        }
        if (user instanceof Map<?, ?> map) {
            for (String key : new String[] {"email", "username", "name", "id", "sub"}) {
                Object v = map.get(key);
                if (v != null) {
                    return v.toString();
                }
            }
            return null;
        }
        return user.toString();
    }
}
