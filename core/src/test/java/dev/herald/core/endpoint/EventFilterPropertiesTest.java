package dev.herald.core.endpoint;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class EventFilterPropertiesTest {
    private static final List<String> VALUES = List.of("a", "b", "c");

    /** A condition whose fields each name nothing or one of a few values; the event draws from the same few. */
    private static Gen<Condition> conditions() {
        Gen<Integer> pick = integers().between(0, VALUES.size());
        return pick.zip(pick, pick, pick, (s, t, tool, u) -> new Condition(set(s), set(t), set(tool), Set.of(),
                Set.of(), u == 0 ? List.of() : List.of(VALUES.get(u - 1))));
    }

    private static Set<String> set(int i) {
        return i == 0 ? Set.of() : Set.of(VALUES.get(i - 1));
    }

    private static Gen<Event> events() {
        Gen<Integer> pick = integers().between(0, VALUES.size() - 1);
        return pick.zip(pick, pick, pick, (s, t, tool, u) -> Event.builder(EventType.TOOL_SUCCESS)
                .context(new RequestContext("r", "user-" + VALUES.get(u), VALUES.get(t), VALUES.get(s)))
                .metadata(Map.of("tool_name", VALUES.get(tool))).build());
    }

    @Test
    void aFilterAcceptsExactlyWhenSomeConditionHasEveryFieldMatching() {
        qt().forAll(lists().of(conditions()).ofSizeBetween(0, 4), events()).checkAssert((conds, event) -> {
            boolean expected = conds.isEmpty();
            for (Condition c : conds) {
                boolean all = (c.serverIds().isEmpty() || c.serverIds().contains(event.context().serverId()))
                        && (c.tenantIds().isEmpty() || c.tenantIds().contains(event.context().tenantId()))
                        && (c.tools().isEmpty() || c.tools().contains(event.metadata().get("tool_name")))
                        && (c.userPatterns().isEmpty()
                            || event.context().userLabel().contains(c.userPatterns().get(0)));
                expected |= all;
            }
            boolean actual = EventFilter.of(EventType.TOOL_SUCCESS).withConditions(conds).accepts(event);
            if (actual != expected) {
                throw new AssertionError("conditions " + conds + " on " + event.context() + " gave " + actual);
            }
        });
    }

    @Test
    void addingAConditionNeverRejectsWhatWasAcceptedUnlessTheListWasEmpty() {
        qt().forAll(lists().of(conditions()).ofSizeBetween(1, 3), conditions(), events())
                .checkAssert((conds, extra, event) -> {
                    EventFilter before = EventFilter.of(EventType.TOOL_SUCCESS).withConditions(conds);
                    List<Condition> more = new ArrayList<>(conds);
                    more.add(extra);
                    EventFilter after = EventFilter.of(EventType.TOOL_SUCCESS).withConditions(more);
                    if (before.accepts(event) && !after.accepts(event)) {
                        throw new AssertionError("OR-ing a condition narrowed the filter");
                    }
                });
    }

    @Test
    void theTypeMustAlwaysMatch() {
        qt().forAll(lists().of(conditions()).ofSizeBetween(0, 3), events()).checkAssert((conds, event) -> {
            if (EventFilter.of(EventType.VIOLATION).withConditions(conds).accepts(event)) {
                throw new AssertionError("a tool_success passed a violation-only filter");
            }
        });
    }
}
