package dev.herald.gateway.cli;

import dev.herald.gateway.config.LoadedPluginConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code herald deliveries replay}: makes dead deliveries pending again, with their ids and attempts. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Makes dead deliveries pending again, with their ids and attempts.", "",
            "The dead deliveries accepted since TIME become pending and due now, keeping their ids (receivers"
            + " de-duplicate by webhook-id) and their attempts; serve sends them on its next poll."},
        optionListHeading = "%nOptions:%n", footerHeading = "%nExample:%n",
        footer = {"  herald deliveries replay --since 1h --endpoint ops -c plugins/config.yaml"})
final class ReplayDeliveriesCommand implements Callable<Integer> {
    private static final String NAME = "deliveries replay";
    /** How long the replay waits for a busy store (a serving Herald's writer, rows another node has locked). */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Mixin
    ConfigOptions config;

    @Option(names = "--since", required = true, paramLabel = "TIME",
            description = "An ISO-8601 instant (2024-05-01T12:00:00Z) or a time ago: 90s, 30m, 1h, 7d.")
    String since;

    @Option(names = "--endpoint", paramLabel = "NAME", description = "Only this endpoint's deliveries.")
    String endpoint;

    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        Instant from;
        try {
            from = SinceArgument.parse(since, now);
        } catch (IllegalArgumentException e) {
            err.println(NAME + ": --since: " + e.getMessage());
            return StoreAccess.USAGE;
        }
        LoadedPluginConfig loaded = config.load(NAME, err);
        if (loaded == null) {
            return StoreAccess.USAGE;
        }
        if (endpoint != null && loaded.herald().endpoints().stream().noneMatch(e -> e.name().equals(endpoint))) {
            err.println(NAME + ": --endpoint: the config has no endpoint named \"" + endpoint + "\"");
            return StoreAccess.USAGE;
        }
        return StoreAccess.write(loaded, NAME, err, store -> {
            int replayed = store.replay(from, endpoint, now, DEADLINE);
            out.printf("replayed %d dead deliveries accepted since %s%s%n", replayed, from,
                    endpoint == null ? "" : " for " + endpoint);
            return StoreAccess.OK;
        });
    }
}
