package dev.herald.gateway.cli;

import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.CloseReport;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.EventType;
import dev.herald.engine.Herald;
import dev.herald.gateway.config.LoadedPluginConfig;
import dev.herald.store.jdbc.DeliveryStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code herald send}: sends events read as JSON lines and waits for every delivery's final outcome. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Sends events read as JSON lines and waits for every delivery's outcome.", "",
            "Reads the lines from --event-file, or else from standard input, sends each event to every endpoint"
            + " that matches it, waits for the final outcome of every delivery (retries included), prints one"
            + " line per delivery and then a summary.", "",
            "Each line is one JSON object with these keys: event (required: a built-in type, or a custom type an"
            + " endpoint subscribes to), request_id, user, tenant_id, server_id, violation (an object of reason,"
            + " description, code and details), metadata (an object), payload, timestamp (ISO-8601 with an"
            + " offset; default: now), event_id (default: a new id) and plugin_name.", "",
            "A line that is not such an object (bad JSON, a duplicate key, anything after the object, an unknown"
            + " key or event type, a value of the wrong kind) is skipped, with each of its problems.", "",
            "SIGINT or SIGTERM stop it: it prints the summary and each delivery not delivered, with its id.", "",
            "Exit codes: 0 every line was an event and every delivery succeeded; 1 otherwise; 2 bad usage, a"
            + " missing event file, or input that is not UTF-8."},
        optionListHeading = "%nOptions:%n", footerHeading = "%nExamples:%n",
        footer = {"  herald send --config plugins/config.yaml --event-file events.jsonl",
            "  echo '{\"event\": \"tool_error\"}' | herald send -c plugins/config.yaml"})
final class SendCommand implements Callable<Integer> {
    /** Problems shown per line: the first ones tell what is wrong; a line of ten thousand keys must not flood. */
    private static final int SHOWN_PROBLEMS = 20;

    @Mixin
    ConfigOptions options;

    @Option(names = "--event-file", paramLabel = "FILE",
            description = "The events, one JSON object per line (default: standard input).")
    Path eventFile;

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    SendCommand() {
        this(System.out, System.err, System.in);
    }

    SendCommand(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        String unreadable = unreadableEventFile();
        if (unreadable != null) {
            err.println("send: --event-file: " + unreadable);
            return OneLineErrors.USAGE;
        }
        LoadedPluginConfig loaded = options.load("send", err);
        if (loaded == null) {
            return 1;
        }
        Outcomes outcomes = new Outcomes(out);
        Herald herald;
        try {
            herald = Herald.start(loaded.herald(), binder -> Multibinder.newSetBinder(binder,
                    DeliveryListener.class).addBinding().toInstance(outcomes));
        } catch (DeliveryStoreException e) {
            err.println("send: cannot open the delivery store: " + e.getMessage());
            return 1;
        }
        Tally tally = new Tally();
        ClosingOnce closing = new ClosingOnce(herald, loaded.herald().closeTimeout());
        AtomicBoolean reported = new AtomicBoolean();
        Thread onSignal = new Thread(() -> {
            if (reported.compareAndSet(false, true)) {
                stopped(closing.close(), tally, outcomes);
            }
        }, "herald-send-shutdown");
        Runtime.getRuntime().addShutdownHook(onSignal);
        int code;
        try {
            code = send(herald, loaded, tally, outcomes);
        } finally {
            closing.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            // A signal came: the hook reports.
        }
        if (!reported.compareAndSet(false, true)) {
            return 1;
        }
        out.printf("send: events=%d skipped=%d deliveries=%d delivered=%d failed=%d%n", tally.events.get(),
                tally.skipped.get(), tally.deliveries.get(), outcomes.delivered.get(),
                tally.deliveries.get() - outcomes.delivered.get());
        if (code != 0) {
            return code;
        }
        boolean ok = tally.skipped.get() == 0 && tally.refused.get() == 0
                && outcomes.delivered.get() == tally.deliveries.get();
        return ok ? 0 : 1;
    }

    /** Reads and dispatches every line, then waits for the outcomes; 0, or 2 for input that is not UTF-8. */
    private int send(Herald herald, LoadedPluginConfig loaded, Tally tally, Outcomes outcomes)
            throws IOException, InterruptedException {
        EventLineParser parser = new EventLineParser(subscribedTypes(loaded));
        int code = 0;
        try (Utf8Lines lines = new Utf8Lines(eventFile != null ? Files.newInputStream(eventFile) : in)) {
            while (true) {
                String line;
                try {
                    line = lines.next();
                } catch (Utf8Lines.LineTooLongException e) {
                    err.printf("send: line %d skipped: %s%n", lines.number(), e.getMessage());
                    tally.skipped.incrementAndGet();
                    continue;
                } catch (CharacterCodingException e) {
                    // Decoding on as if nothing happened would send mangled text to every receiver.
                    err.printf("send: %s is not UTF-8 text (line %d); nothing after it was read%n",
                            eventFile != null ? eventFile : "standard input", lines.number());
                    code = OneLineErrors.USAGE;
                    break;
                }
                if (line == null) {
                    break;
                }
                if (!line.isBlank()) {
                    sendLine(herald, parser.parse(line), lines.number(), tally);
                }
            }
        }
        if (!outcomes.await(tally.deliveries.get(), longestDelivery(loaded))) {
            err.println("send: gave up waiting; undelivered deliveries are reported as cancelled");
        }
        return code;
    }

    private void sendLine(Herald herald, EventLineParser.Parsed parsed, int number, Tally tally) {
        if (parsed.event() == null) {
            List<String> problems = parsed.problems();
            problems.stream().limit(SHOWN_PROBLEMS).forEach(p -> err.printf("send: line %d skipped: %s%n", number,
                    p));
            if (problems.size() > SHOWN_PROBLEMS) {
                err.printf("send: line %d skipped: and %d more problems%n", number,
                        problems.size() - SHOWN_PROBLEMS);
            }
            tally.skipped.incrementAndGet();
            return;
        }
        tally.events.incrementAndGet();
        // Waits for the store, when there is one, so that a store's refusal is counted for its line here.
        DispatchResult r = herald.dispatcher().dispatchAndAwait(parsed.event(),
                herald.dispatcher().storeTimeout());
        if (r.rejected()) {
            err.printf("send: line %d refused: %s%n", number, r.status());
            tally.refused.incrementAndGet();
        }
        if (r.status() == DispatchResult.Status.NO_MATCH) {
            err.printf("send: line %d (%s) matches no endpoint%n", number, parsed.event().type());
        }
        tally.deliveries.addAndGet(r.deliveryIds().size());
    }

    /** After SIGINT or SIGTERM: drains up to the close timeout, as serve does, and accounts for every delivery. */
    private void stopped(CloseReport report, Tally tally, Outcomes outcomes) {
        int undelivered = report.undelivered().size();
        int delivered = outcomes.delivered.get();
        out.printf("send: interrupted: events=%d skipped=%d deliveries=%d delivered=%d failed=%d undelivered=%d%n",
                tally.events.get(), tally.skipped.get(), tally.deliveries.get(), delivered,
                Math.max(0, tally.deliveries.get() - delivered - undelivered), undelivered);
        if (undelivered > 0) {
            StopReport.printUndelivered(err, "send", report.undelivered());
        }
        out.flush();
        err.flush();
    }

    /** Why the event file cannot be read, or null when it can (or none was given). */
    private String unreadableEventFile() {
        if (eventFile == null) {
            return null;
        }
        if (!Files.exists(eventFile)) {
            return "no such file: " + eventFile;
        }
        if (Files.isDirectory(eventFile)) {
            return "a directory, not a file: " + eventFile;
        }
        if (!Files.isReadable(eventFile)) {
            return "not readable: " + eventFile;
        }
        return null;
    }

    /** The types some endpoint subscribes to: besides the built-in ones, the only types a line may name. */
    private static Set<EventType> subscribedTypes(LoadedPluginConfig loaded) {
        Set<EventType> types = new LinkedHashSet<>();
        loaded.herald().endpoints().forEach(e -> types.addAll(e.filter().types()));
        return types;
    }

    /** How long the slowest delivery can take: every timeout and every backoff, with room to spare. */
    private static Duration longestDelivery(LoadedPluginConfig loaded) {
        Duration longest = Duration.ZERO;
        for (Endpoint e : loaded.herald().endpoints()) {
            Duration d = e.timeout().multipliedBy(e.retryPolicy().maxAttempts());
            for (Duration delay : e.retryPolicy().schedule()) {
                d = d.plus(delay).plus(e.retryPolicy().maxRetryAfter());
            }
            longest = d.compareTo(longest) > 0 ? d : longest;
        }
        return longest.plusSeconds(30);
    }

    /**
     * Closes Herald once, for whichever thread comes first, and gives every caller that close's report: a signal
     * during the main thread's close must still list what that close could not deliver.
     */
    private static final class ClosingOnce {
        private final Herald herald;
        private final Duration deadline;
        private CloseReport report;

        ClosingOnce(Herald herald, Duration deadline) {
            this.herald = herald;
            this.deadline = deadline;
        }

        synchronized CloseReport close() {
            if (report == null) {
                report = herald.close(deadline);
            }
            return report;
        }
    }

    /** What the lines gave, counted by the reading thread and read by the one that reports. */
    private static final class Tally {
        final AtomicInteger events = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger deliveries = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
    }

    /** Prints each outcome as it comes and counts them. */
    private static final class Outcomes implements DeliveryListener {
        private final PrintStream out;
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicInteger delivered = new AtomicInteger();

        Outcomes(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onOutcome(DeliveryOutcome o) {
            StringBuilder line = new StringBuilder().append(o.status().name().toLowerCase()).append(' ')
                    .append(o.endpointName()).append(' ').append(o.deliveryId()).append(" event=")
                    .append(o.event().type().name()).append(" attempts=").append(o.attempts());
            if (o.lastStatusCode() != 0) {
                line.append(" status=").append(o.lastStatusCode());
            }
            if (o.status() != DeliveryStatus.DELIVERED && o.lastError() != null) {
                line.append(" error=\"").append(o.lastError().replace('"', '\'')).append('"');
            }
            synchronized (out) {
                out.println(line);
            }
            if (o.status() == DeliveryStatus.DELIVERED) {
                delivered.incrementAndGet();
            }
            finished.incrementAndGet();
            synchronized (this) {
                notifyAll();
            }
        }

        synchronized boolean await(int count, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (finished.get() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }
}
