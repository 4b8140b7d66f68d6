package dev.herald.gateway.cli;

import dev.herald.gateway.internal.NearestWord;
import dev.herald.store.jdbc.DeliveryStoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns whatever escapes a command into one line on standard error and a non-zero exit, never a stack trace: a
 * bad argument exits {@value #USAGE} with picocli's message (and its suggestion, if any), a failure exits
 * {@value #FAILED}. What a person can act on (an I/O error, a store that fails) is shown with its message; anything
 * else is a defect of Herald, shown without Java's internals unless {@code HERALD_DEBUG} is set.
 */
final class OneLineErrors implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    static final int USAGE = 2;
    static final int FAILED = 1;
    /** Enough for any message a person reads; an argument pasted by mistake must not flood the terminal. */
    private static final int MAX_MESSAGE_CHARS = 300;

    private static final int TYPO_DISTANCE = 2;

    private final boolean debug;

    OneLineErrors(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        StringBuilder line = new StringBuilder(name(cli)).append(": ").append(oneLine(e.getMessage()));
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            line.append(suggestion(cli, u.getUnmatched()));
        }
        line.append("; see '").append(name(cli)).append(" --help'");
        err.println(line);
        err.flush();
        return USAGE;
    }

    /** The subcommand or option nearest to the first unmatched word, when it is near enough to be a typo. */
    private static String suggestion(CommandLine cli, List<String> unmatched) {
        if (unmatched.isEmpty()) {
            return "";
        }
        String word = unmatched.get(0);
        int eq = word.indexOf('=');
        String name = word.startsWith("-") && eq > 0 ? word.substring(0, eq) : word;
        List<String> known = name.startsWith("-")
                ? cli.getCommandSpec().options().stream().flatMap(o -> Arrays.stream(o.names())).toList()
                : List.copyOf(cli.getSubcommands().keySet());
        if (known.isEmpty()) {
            return "";
        }
        String nearest = NearestWord.of(name, known);
        return NearestWord.distance(name, nearest) <= TYPO_DISTANCE ? " (did you mean '" + nearest + "'?)" : "";
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        err.println(name(cli) + ": " + describe(e));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DeliveryStoreException) {
                return oneLine(t.getMessage());
            }
            if (t instanceof IOException) {
                return "input or output failed: " + oneLine(t.getMessage());
            }
        }
        return "stopped by an internal error (a defect of Herald; run again with HERALD_DEBUG=1 for the details)";
    }

    private static String name(CommandLine cli) {
        return cli.getCommandSpec().qualifiedName();
    }

    private static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no details";
        }
        String line = message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
        return line.length() > MAX_MESSAGE_CHARS ? line.substring(0, MAX_MESSAGE_CHARS) + "..." : line;
    }
}
