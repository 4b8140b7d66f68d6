package dev.herald.gateway.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * One in-process run of the {@code herald} command as {@code main} builds it, with what it wrote to standard output
 * and standard error.
 *
 * @param exit the exit code {@code main} would end with
 * @param stdout what the command printed on standard output
 * @param stderr what it printed on standard error, without the lines the Jazzer agent (brought into the test JVM by
 *     the fuzz tests) writes there for each class it instruments
 */
public record CliRun(int exit, String stdout, String stderr) {
    /** Runs {@code herald args...}; the command's output streams are swapped for the run, so runs must not overlap. */
    public static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = HeraldCli.commandLine().execute(args);
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        String stderr = err.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("INFO: Instrumented "))
                .map(l -> l + "\n").collect(Collectors.joining());
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), stderr);
    }
}
