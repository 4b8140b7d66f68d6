package dev.herald.gateway.config.internal;

import dev.herald.core.endpoint.Condition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the entry's {@code conditions}: a list of {server_ids, tenant_ids, tools, prompts, resources,
 * user_patterns}, OR-ed, each field a list of strings.
 */
final class ConditionReader {
    private static final List<String> KEYS = KnownKeys.CONDITION;
    // The gateway knows these two; Herald's events carry neither, so a condition on them could only be ignored,
    // which would send events the operator meant to hold back.
    private static final List<String> UNSUPPORTED = List.of("agents", "content_types");

    private ConditionReader() {}

    static List<Condition> read(Fields entry, Problems problems) {
        List<Object> items = entry.list("conditions");
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = ConfigPath.index(entry.path("conditions"), i);
            Fields.of(items.get(i), path, problems).ifPresent(c -> out.add(condition(c, problems)));
        }
        return out;
    }

    private static Condition condition(Fields c, Problems problems) {
        c.rejectUnknown(KEYS);
        for (String key : UNSUPPORTED) {
            if (!c.stringList(key).isEmpty()) {
                problems.add(c.path(key), "not supported by Herald, whose events carry no " + key.replace('_', ' ')
                        + "; remove it or leave it empty");
            }
        }
        return new Condition(set(c, "server_ids"), set(c, "tenant_ids"), set(c, "tools"), set(c, "prompts"),
                set(c, "resources"), c.stringList("user_patterns"));
    }

    private static Set<String> set(Fields c, String key) {
        return new LinkedHashSet<>(c.stringList(key));
    }
}
