package dev.herald.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code herald} command. */
@Command(name = "herald", mixinStandardHelpOptions = true, versionProvider = HeraldCli.Version.class,
        description = "Signed, templated, retried webhook deliveries: the ContextForge webhook plugin's successor.",
        subcommands = {DemoCommand.class, CheckCommand.class, SendCommand.class, ServeCommand.class,
            DeliveriesCommand.class,
            CommandLine.HelpCommand.class})
public final class HeraldCli implements Runnable {

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new HeraldCli()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HeraldCli.class.getPackage().getImplementationVersion();
            return new String[] {"herald " + (v == null ? "development build" : v)};
        }
    }
}
