package dev.herald.gateway.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.herald.core.store.AttemptRecord;
import dev.herald.core.store.DeliveryQuery;
import dev.herald.core.store.DeliveryRecord;
import dev.herald.core.store.StoredDelivery;
import dev.herald.core.store.StoredState;
import dev.herald.gateway.config.LoadedPluginConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code herald deliveries list}: the stored deliveries, newest first, each with its attempts. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists stored deliveries, newest first, each with its attempts.", "",
            "Each delivery shows its id (the webhook-id receivers see), endpoint, state, attempts, when it was"
            + " accepted and when it is next due; then each attempt's status, latency and response.", "",
            "The store is opened read-only: listing never changes it."},
        optionListHeading = "%nOptions:%n", footerHeading = "%nExample:%n",
        footer = {"  herald deliveries list --status dead --endpoint ops -c plugins/config.yaml"})
final class ListDeliveriesCommand implements Callable<Integer> {
    private static final String NAME = "deliveries list";
    private static final int MAX_LIMIT = 100_000;
    private static final int SHOWN_RESPONSE_CHARS = 200;

    @Mixin
    ConfigOptions config;

    @Option(names = "--status", paramLabel = "STATE", description = "Only pending, delivered or dead deliveries.")
    String status;

    @Option(names = "--endpoint", paramLabel = "NAME", description = "Only this endpoint's deliveries.")
    String endpoint;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "At most N deliveries (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON array instead of text lines.")
    boolean json;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() {
        StoredState state = null;
        if (status != null) {
            try {
                state = StoredState.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                err.println(NAME + ": --status must be pending, delivered or dead, got \"" + status + "\"");
                return StoreAccess.USAGE;
            }
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            err.println(NAME + ": --limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
            return StoreAccess.USAGE;
        }
        LoadedPluginConfig loaded = config.load(NAME, err);
        if (loaded == null) {
            return StoreAccess.USAGE;
        }
        DeliveryQuery query = new DeliveryQuery(state, endpoint, limit);
        return StoreAccess.read(loaded, NAME, err, store -> {
            List<DeliveryRecord> records = store.list(query);
            if (json) {
                out.println(asJson(records));
            } else {
                records.forEach(this::print);
                out.printf("%d deliveries%n", records.size());
            }
            return StoreAccess.OK;
        });
    }

    private void print(DeliveryRecord r) {
        StoredDelivery d = r.delivery();
        out.printf("%s %s %s attempts=%d event=%s accepted=%s next=%s%s%n", d.deliveryId(), d.endpointName(),
                d.state().name().toLowerCase(Locale.ROOT), d.attempts(), d.event().type().name(), d.acceptedAt(),
                d.nextAttemptAt() == null ? "-" : d.nextAttemptAt(),
                r.lastError() == null ? "" : " error=" + oneLine(r.lastError()));
        for (AttemptRecord a : r.attemptRecords()) {
            out.printf("  #%d %s status=%s latency=%dms outcome=%s%s response=%s%n", a.attempt(), a.startedAt(),
                    a.statusCode() == 0 ? "none" : String.valueOf(a.statusCode()), a.latency().toMillis(),
                    a.outcome(), a.error() == null ? "" : " error=" + oneLine(a.error()), oneLine(a.responseBody()));
        }
    }

    /** Quoted, escaped and cut short, so that a response never spans lines or floods the terminal. */
    private static String oneLine(String text) {
        if (text == null || text.isEmpty()) {
            return "\"\"";
        }
        String shown = text.length() > SHOWN_RESPONSE_CHARS ? text.substring(0, SHOWN_RESPONSE_CHARS) : text;
        StringBuilder b = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.append(text.length() > SHOWN_RESPONSE_CHARS ? "...\"" : "\"").toString();
    }

    private static String asJson(List<DeliveryRecord> records) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeliveryRecord r : records) {
            StoredDelivery d = r.delivery();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.deliveryId());
            m.put("endpoint", d.endpointName());
            m.put("state", d.state().name().toLowerCase(Locale.ROOT));
            m.put("attempts", d.attempts());
            m.put("event", d.event().type().name());
            m.put("event_id", d.event().id());
            m.put("accepted_at", d.acceptedAt().toString());
            m.put("next_attempt_at", d.nextAttemptAt() == null ? null : d.nextAttemptAt().toString());
            m.put("last_error", r.lastError());
            List<Map<String, Object>> attempts = new ArrayList<>();
            for (AttemptRecord a : r.attemptRecords()) {
                Map<String, Object> am = new LinkedHashMap<>();
                am.put("attempt", a.attempt());
                am.put("started_at", a.startedAt().toString());
                am.put("status", a.statusCode());
                am.put("latency_ms", a.latency().toMillis());
                am.put("outcome", a.outcome().name());
                am.put("error", a.error());
                am.put("response", a.responseBody());
                attempts.add(am);
            }
            m.put("attempt_records", attempts);
            out.add(m);
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialise", e);
        }
    }
}
