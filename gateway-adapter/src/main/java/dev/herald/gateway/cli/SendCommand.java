package dev.herald.gateway.cli;

import com.google.inject.multibindings.Multibinder;
import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import dev.herald.core.dispatch.DispatchResult;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.event.Event;
import dev.herald.gateway.Herald;
import dev.herald.gateway.config.LoadedPluginConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code herald send}: sends events read as JSON lines and waits for every delivery's final outcome. */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = {"Reads events as JSON lines (from --event-file or standard input), each an object with the",
            "template keys (event, request_id, user, tenant_id, server_id, violation, metadata, payload), sends",
            "each to every matching endpoint, waits for the final outcome of every delivery (retries included),",
            "prints one line per delivery and a summary. A line that is not a valid event is reported with its",
            "number and skipped. Exits 0 only when every line was an event and every delivery succeeded.", "",
            "Example: echo '{\"event\":\"tool_error\",\"metadata\":{\"tool_name\":\"search\",\"error\":\"boom\"}}' \\",
            "           | herald send --config plugins/config.yaml"})
final class SendCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--event-file", paramLabel = "FILE", description = "Events, one JSON object per line.")
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
        LoadedPluginConfig loaded = options.load("send", err);
        if (loaded == null) {
            return 1;
        }
        Outcomes outcomes = new Outcomes(out);
        EventLineParser parser = new EventLineParser();
        int events = 0;
        int skipped = 0;
        int deliveries = 0;
        int refused = 0;
        try (Herald herald = Herald.start(loaded.herald(), binder -> Multibinder.newSetBinder(binder,
                DeliveryListener.class).addBinding().toInstance(outcomes));
                BufferedReader reader = eventFile != null ? Files.newBufferedReader(eventFile, StandardCharsets.UTF_8)
                        : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Event event;
                try {
                    event = parser.parse(line);
                } catch (IllegalArgumentException e) {
                    err.printf("send: line %d skipped: %s%n", number, e.getMessage());
                    skipped++;
                    continue;
                }
                events++;
                DispatchResult r = herald.dispatcher().dispatch(event);
                if (r.rejected()) {
                    err.printf("send: line %d refused: %s%n", number, r.status());
                    refused++;
                }
                if (r.status() == DispatchResult.Status.NO_MATCH) {
                    err.printf("send: line %d (%s) matches no endpoint%n", number, event.type());
                }
                deliveries += r.deliveryIds().size();
            }
            if (!outcomes.await(deliveries, longestDelivery(loaded))) {
                err.println("send: gave up waiting; undelivered deliveries are reported as cancelled");
            }
        }
        out.printf("send: events=%d skipped=%d deliveries=%d delivered=%d failed=%d%n", events, skipped, deliveries,
                outcomes.delivered.get(), deliveries - outcomes.delivered.get());
        boolean ok = skipped == 0 && refused == 0 && outcomes.delivered.get() == deliveries;
        return ok ? 0 : 1;
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
