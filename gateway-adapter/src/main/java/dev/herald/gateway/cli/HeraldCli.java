package dev.herald.gateway.cli;

import java.util.Map;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The {@code herald} command. */
@Command(name = "herald", mixinStandardHelpOptions = true, versionProvider = HeraldCli.Version.class,
        description = {"Signed, templated, retried webhook deliveries: the ContextForge webhook plugin's"
            + " successor.", "", "Every command has --help. Run herald demo first: it needs no config."},
        optionListHeading = "%nOptions:%n", commandListHeading = "%nCommands:%n", footerHeading = "%nExamples:%n",
        footer = {"  herald demo", "  herald check --config plugins/config.yaml",
            "  herald serve --config plugins/config.yaml --port 8000"},
        subcommands = {DemoCommand.class, CheckCommand.class, SendCommand.class, ServeCommand.class,
            DeliveriesCommand.class,
            CommandLine.HelpCommand.class})
public final class HeraldCli implements Runnable {
    private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        // The command's logging setup has its own name so that it never configures an application that merely
        // has this module on its classpath; set before the first logger exists.
        if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
            System.setProperty(LOGBACK_CONFIGURATION, "herald-logback.xml");
        }
        // Also before the first logger: the format picks the appender when logback reads its configuration.
        System.setProperty(LogFormat.PROPERTY, logFormat(args, System.getenv()).wireName());
        // Libraries that log through java.util.logging (the OpenTelemetry SDK) then log in the same format.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    /**
     * The log format {@code serve --log-format} or {@value LogFormat#VARIABLE} asks for; text when they ask for
     * something else, which the command then refuses, or when the command line does not parse.
     */
    static LogFormat logFormat(String[] args, Map<String, String> env) {
        String option = null;
        try {
            ParseResult sub = commandLine().parseArgs(args).subcommand();
            if (sub != null && sub.commandSpec().userObject() instanceof ServeCommand) {
                option = sub.matchedOptionValue("--log-format", null);
            }
        } catch (CommandLine.ParameterException badArguments) {
            // Reported when the command runs.
        }
        try {
            return LogFormat.of(option, env);
        } catch (IllegalArgumentException refusedByTheCommand) {
            return LogFormat.TEXT;
        }
    }

    /**
     * The command line as {@code main} runs it: every error, a bad argument or a failure, ends in one line on
     * standard error and a non-zero exit, never a stack trace.
     */
    static CommandLine commandLine() {
        OneLineErrors errors = new OneLineErrors(System.getenv("HERALD_DEBUG") != null);
        return new CommandLine(new HeraldCli()).setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
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
