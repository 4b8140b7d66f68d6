package dev.herald.core.endpoint;

import dev.herald.core.event.Event;
import java.util.List;
import java.util.Set;

/**
 * One of the gateway's plugin conditions. Its fields are AND-ed; an empty field matches anything.
 *
 * <p>Tools, prompts and resources are read from the event's metadata keys {@code tool_name}, {@code prompt_id}
 * and {@code resource_uri}, the keys the gateway hooks set. As in the gateway, each of these fields applies only
 * to events of its own kind: {@code tools} is not asked of a prompt event, which carries no tool name.
 * {@code userPatterns} match as substrings of the user, as in the gateway.
 *
 * @param serverIds the servers, by id
 * @param tenantIds the tenants, by id
 * @param tools tool names
 * @param prompts prompt ids
 * @param resources resource URIs
 * @param userPatterns substrings of the user
 */
public record Condition(Set<String> serverIds, Set<String> tenantIds, Set<String> tools, Set<String> prompts,
        Set<String> resources, List<String> userPatterns) {

    /** A condition that matches every event. */
    public static final Condition ANY = new Condition(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), List.of());

    public Condition {
        serverIds = copy(serverIds);
        tenantIds = copy(tenantIds);
        tools = copy(tools);
        prompts = copy(prompts);
        resources = copy(resources);
        userPatterns = userPatterns == null ? List.of() : List.copyOf(userPatterns);
    }

    /** Whether the event meets every non-empty field. */
    public boolean matches(Event event) {
        return in(serverIds, event.context().serverId())
                && in(tenantIds, event.context().tenantId())
                && inIfCarried(tools, event, "tool_name")
                && inIfCarried(prompts, event, "prompt_id")
                && inIfCarried(resources, event, "resource_uri")
                && userMatches(event.context().userLabel());
    }

    private boolean userMatches(String user) {
        if (userPatterns.isEmpty()) {
            return true;
        }
        if (user == null) {
            return false;
        }
        for (String p : userPatterns) {
            if (user.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean in(Set<String> allowed, String value) {
        return allowed.isEmpty() || (value != null && allowed.contains(value));
    }

    private static boolean inIfCarried(Set<String> allowed, Event event, String key) {
        Object v = event.metadata().get(key);
        return allowed.isEmpty() || v == null || allowed.contains(v.toString());
    }

    private static Set<String> copy(Set<String> s) {
        return s == null ? Set.of() : Set.copyOf(s);
    }
}
