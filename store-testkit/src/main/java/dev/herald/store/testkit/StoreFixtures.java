package dev.herald.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.core.event.RequestContext;
import dev.herald.core.event.Violation;
import dev.herald.core.retry.OutcomeClass;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.StoredDelivery;
import dev.herald.core.store.StoredState;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events, deliveries and attempts as the store tests build them, and how they compare what comes back. */
public final class StoreFixtures {
    /** A time with millisecond precision, which both stores keep exactly. */
    public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private StoreFixtures() {}

    /** An event with every field set, and values JSON makes hard: nulls, nesting, escapes, big numbers. */
    public static Event richEvent(String id) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("tool_name", "search");
        metadata.put("error", "upstream said \"no\"\n\ttab, backslash \\ and </script>");
        metadata.put("user_note", "Zoë, 日本語, emoji \uD83D\uDE80, control \u0001");
        metadata.put("nothing", null);
        metadata.put("count", 7);
        metadata.put("big", 5_000_000_000L);
        metadata.put("huge", BigInteger.TWO.pow(70));
        metadata.put("ratio", 0.1);
        metadata.put("negative", -2.5e-8);
        metadata.put("flag", true);
        metadata.put("empty_list", List.of());
        metadata.put("empty_map", Map.of());
        metadata.put("nested", Map.of("list", Arrays.asList(1, "two", null, List.of(3.5))));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("email", "alice@example.com");
        user.put("id", 42);
        user.put("groups", List.of("ops", "dev"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", "body");
        details.put("matches", List.of("a@b.c"));
        details.put("score", 0.93);
        return Event.builder(EventType.PII_DETECTED)
                .id(id)
                .time(Instant.parse("2026-03-01T11:59:59.123456789Z"))
                .context(new RequestContext("req-1", user, "acme", "srv-9"))
                .violation(new Violation("PII found", "an email address in the body", "PII_DETECTED", details,
                        -32001, 422))
                .metadata(metadata)
                .payload(List.of(Map.of("text", "hello"), "plain", 3, false))
                .build();
    }

    /** A small event of a custom type, without context, violation or payload. */
    public static Event plainEvent(String id) {
        return Event.builder(EventType.of("order.created")).id(id).time(T0).metadata(Map.of("n", 1)).build();
    }

    /** A pending delivery of a plain event, due at {@code due}, accepted at {@code accepted}. */
    public static StoredDelivery pending(String id, String endpoint, Instant due, Instant accepted) {
        return new StoredDelivery(id, plainEvent("evt_" + id), endpoint, 0, StoredState.PENDING, due, accepted);
    }

    /** A pending delivery accepted and due at {@code at}. */
    public static StoredDelivery pending(String id, String endpoint, Instant at) {
        return pending(id, endpoint, at, at);
    }

    /** Pending deliveries {@code prefix-0}, {@code prefix-1}, ... to one endpoint, all due at {@code at}. */
    public static List<StoredDelivery> pendingMany(String prefix, String endpoint, int n, Instant at) {
        List<StoredDelivery> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(pending(prefix + "-" + i, endpoint, at));
        }
        return out;
    }

    /** An attempt of the delivery answered with {@code status}, whose next attempt is due at {@code next}. */
    public static AttemptRecord attempt(StoredDelivery d, int number, int status, Instant startedAt, Instant next) {
        OutcomeClass outcome = OutcomeClass.ofStatus(status);
        String error = outcome == OutcomeClass.SUCCESS ? null : "HTTP " + status;
        return new AttemptRecord(d.deliveryId(), d.event().id(), d.endpointName(), number, startedAt,
                Duration.ofMillis(120 + number), status, error, outcome, "{\"status\":" + status + "}", next);
    }

    /** Asserts that two events hold the same fields, values compared with their types. */
    public static void assertSameEvent(Event actual, Event expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.type()).isEqualTo(expected.type());
        assertThat(actual.time()).isEqualTo(expected.time());
        assertThat(actual.context()).isEqualTo(expected.context());
        assertThat(actual.violation()).isEqualTo(expected.violation());
        assertThat(actual.metadata()).isEqualTo(expected.metadata());
        assertThat(List.copyOf(actual.metadata().keySet())).isEqualTo(List.copyOf(expected.metadata().keySet()));
        assertThat(actual.payload()).isEqualTo(expected.payload());
    }

    /** Asserts that a delivery read back is the one stored, with the state and attempts given. */
    public static void assertDelivery(StoredDelivery actual, StoredDelivery expected, StoredState state,
            int attempts) {
        assertThat(actual.deliveryId()).isEqualTo(expected.deliveryId());
        assertSameEvent(actual.event(), expected.event());
        assertThat(actual.endpointName()).isEqualTo(expected.endpointName());
        assertThat(actual.acceptedAt()).isEqualTo(expected.acceptedAt());
        assertThat(actual.state()).isEqualTo(state);
        assertThat(actual.attempts()).isEqualTo(attempts);
    }
}
