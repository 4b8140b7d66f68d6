package dev.herald.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code herald deliveries}: reads and replays the deliveries a store keeps, without starting a dispatcher. */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
        description = {"Lists the deliveries the config's store keeps (SQLite in ./.herald when the config has no",
            "store: block, as serve does) and replays dead ones, without sending anything itself: a running or",
            "next serve sends what is replayed. Exit codes: 0 done, 2 bad usage or config, 1 the store failed."},
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
