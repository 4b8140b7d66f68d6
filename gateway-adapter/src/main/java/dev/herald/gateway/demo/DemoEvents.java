package dev.herald.gateway.demo;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import dev.herald.core.event.ViolationClassifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Realistic gateway traffic for the demo: tool calls that succeed and fail, prompts, resources and policy
 * violations, from several users, tenants and servers. Seeded, so every run sends the same events.
 */
public final class DemoEvents {
    private static final String[] TOOLS = {"search_web", "read_file", "create_issue", "send_email", "query_db"};
    private static final String[] SERVERS = {"srv-github", "srv-slack", "srv-postgres"};
    private static final String[] TENANTS = {"acme", "globex", "initech"};
    private static final Object[] USERS = {"alice@acme.com", "bob \"the builder\"", "Zoë ✓",
        Map.of("id", "u-42", "email", "carol@globex.com", "roles", List.of("admin"))};
    private static final Violation[] VIOLATIONS = {
        Violation.of("PII detected in output", "An SSN-like number was found", "PII", Map.of("field", "result")),
        Violation.of("Too many requests", "60 calls per minute exceeded", "RATE_LIMIT", Map.of("limit", 60)),
        Violation.of("Harmful content", "Blocked by the content filter", "CONTENT", Map.of("score", 0.93)),
        Violation.of("Blocked by policy", "Tool not allowed for this tenant", "DENY", Map.of()),
    };

    private DemoEvents() {}

    /** The first {@code count} events of the demo's traffic. */
    public static List<Event> generate(int count, Instant start) {
        SplittableRandom random = new SplittableRandom(2026);
        List<Event> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RequestContext ctx = new RequestContext(String.format("req-%05d", i), USERS[random.nextInt(USERS.length)],
                    TENANTS[random.nextInt(TENANTS.length)], SERVERS[random.nextInt(SERVERS.length)]);
            Instant time = start.plus(Duration.ofMillis(37L * i));
            String tool = TOOLS[random.nextInt(TOOLS.length)];
            int roll = random.nextInt(100);
            Map<String, Object> metadata = new LinkedHashMap<>();
            Event.Builder b;
            if (roll < 55) {
                metadata.put("tool_name", tool);
                b = Event.builder(EventType.TOOL_SUCCESS);
            } else if (roll < 70) {
                metadata.put("tool_name", tool);
                metadata.put("error", "upstream answered 502 after " + (100 + random.nextInt(900)) + " ms");
                b = Event.builder(EventType.TOOL_ERROR);
            } else if (roll < 80) {
                metadata.put("prompt_id", "summarize-v" + (1 + random.nextInt(3)));
                b = Event.builder(EventType.PROMPT_SUCCESS);
            } else if (roll < 90) {
                metadata.put("resource_uri", "file:///reports/q" + (1 + random.nextInt(4)) + ".pdf");
                b = Event.builder(EventType.RESOURCE_SUCCESS);
            } else {
                Violation v = VIOLATIONS[random.nextInt(VIOLATIONS.length)];
                metadata.put("tool_name", tool);
                b = Event.builder(ViolationClassifier.classify(v)).violation(v);
            }
            events.add(b.time(time).context(ctx).metadata(metadata).build());
        }
        return events;
    }
}
