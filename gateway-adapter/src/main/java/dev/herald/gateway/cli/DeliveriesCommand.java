package dev.herald.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code herald deliveries}: reads and replays the deliveries a store keeps, without starting a dispatcher. */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
        description = {"Lists and replays the deliveries a store keeps.", "",
            "The store is the config's store: block, or else SQLite under .herald in the working directory, as"
            + " serve keeps it. Nothing is sent from here: a running or the next serve sends what is replayed."
            + " No store is ever created: a missing file, an empty one or another application's database is"
            + " reported and left as it was.", "",
            "Exit codes: 0 done; 1 no store there, or the store failed; 2 bad usage or config."},
        optionListHeading = "%nOptions:%n", commandListHeading = "%nCommands:%n", footerHeading = "%nExamples:%n",
        footer = {"  herald deliveries list --config plugins/config.yaml",
            "  herald deliveries replay --since 1h --config plugins/config.yaml"},
        subcommands = {ListDeliveriesCommand.class, ReplayDeliveriesCommand.class})
final class DeliveriesCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return StoreAccess.USAGE;
    }
}
