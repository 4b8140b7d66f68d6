package dev.herald.gateway.config.internal;

import dev.herald.core.endpoint.Endpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every webhook a unique name: its own, or one derived from its URL's host and port.
 *
 * <p>Only the host: the path and query of a Slack, Discord or Teams webhook URL are its credential, and names go
 * to logs and metrics. Derived names that collide get {@code -2}, {@code -3}, ... in file order; explicit names
 * must be unique and win over derived ones.
 */
final class EndpointNames {
    private static final int MAX_NAME = 200;

    private EndpointNames() {}

    /** The names, in the order of {@code specs}; duplicate explicit names are errors. */
    static List<String> assign(List<WebhookSpec> specs, Problems problems) {
        Map<String, String> explicit = new HashMap<>();
        for (WebhookSpec s : specs) {
            if (s.explicitName() != null) {
                String first = explicit.putIfAbsent(s.explicitName(), s.path());
                if (first != null) {
                    problems.add(ConfigPath.child(s.path(), "name"), "duplicate name " + Values.quote(s.explicitName())
                            + ", already the name of " + first);
                }
            }
        }
        Set<String> taken = new HashSet<>(explicit.keySet());
        List<String> names = new ArrayList<>();
        for (WebhookSpec s : specs) {
            if (s.explicitName() != null) {
                names.add(s.explicitName());
                continue;
            }
            String base = derive(s.url());
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = base + "-" + n;
            }
            names.add(name);
        }
        return names;
    }

    private static String derive(String url) {
        try {
            // Through the builder, which writes an internationalised host in ASCII as it will be connected to.
            URI u = Endpoint.builder(url).name("probe").build().url();
            String host = u.getHost() == null ? "webhook" : u.getHost();
            String name = host + (u.getPort() > 0 ? ":" + u.getPort() : "");
            return name.length() > MAX_NAME - 8 ? name.substring(0, MAX_NAME - 8) : name;
        } catch (IllegalArgumentException e) {
            return "webhook";
        }
    }
}
