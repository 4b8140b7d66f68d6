package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code herald} entry point, as {@code main} builds it: a bad argument to any command, or a failure nobody
 * foresaw, ends in one line on standard error and a non-zero exit, never a stack trace nor a Java class name.
 */
class HeraldCliErrorsTest {
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int herald(CommandLine cli, String... args) {
        err.getBuffer().setLength(0);
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }

    private int herald(String... args) {
        return herald(HeraldCli.commandLine(), args);
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    @Test
    void aBadArgumentToAnyCommandIsOneLineAndExitTwo() {
        String[][] bad = {
            {"--bogus"},
            {"send", "--bogus", "--config", "x.yaml"},
            {"send", "--config"},
            {"send"},
            {"check", "--config", "a.yaml", "extra"},
            {"deliveries", "list", "--limit", "many", "--config", "a.yaml"},
            {"deliveries", "replay", "--config", "a.yaml"},
            {"demo", "--events", "3x"},
            {"serve", "--port", "eighty"},
            {"sned"},
        };
        for (String[] args : bad) {
            assertThat(herald(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(errLines()).as(String.join(" ", args)).hasSize(1);
            assertThat(errLines().get(0)).startsWith("herald").contains("see 'herald").doesNotContain("Exception",
                    "picocli", "\tat ");
        }
        assertThat(herald("sned")).isEqualTo(2);
        assertThat(errLines().get(0)).contains("Unmatched argument at index 0: 'sned'", "did you mean 'send'?");
        assertThat(herald("send", "--evnt-file", "events.jsonl", "-c", "config.yaml")).isEqualTo(2);
        assertThat(errLines()).containsExactly("herald send: Unknown options: '--evnt-file', 'events.jsonl' (did you"
                + " mean '--event-file'?); see 'herald send --help'");
        assertThat(herald("deliveries", "list", "--limit", "many", "--config", "a.yaml")).isEqualTo(2);
        assertThat(errLines().get(0)).startsWith("herald deliveries list: Invalid value for option '--limit':");
    }

    @Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        private final Exception failure;

        Broken(Exception failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    @Test
    void aFailureNobodyForesawIsOneLineWithoutJavasInternals() {
        CommandLine cli = HeraldCli.commandLine();
        cli.addSubcommand(new CommandLine(new Broken(new NullPointerException(
                "Cannot invoke \"String.length()\" because \"secret\" is null")))
                .setExecutionExceptionHandler(cli.getExecutionExceptionHandler()));

        assertThat(herald(cli, "broken")).isEqualTo(1);

        assertThat(errLines()).containsExactly("herald broken: stopped by an internal error (a defect of Herald; run"
                + " again with HERALD_DEBUG=1 for the details)");
    }

    @Test
    void anInputOrOutputFailureIsOneLineWithItsMessage() {
        CommandLine cli = HeraldCli.commandLine();
        cli.addSubcommand(new CommandLine(new Broken(new UncheckedIOException(new IOException(
                "/data/events.jsonl: Permission denied\n(second line)"))))
                .setExecutionExceptionHandler(cli.getExecutionExceptionHandler()));

        assertThat(herald(cli, "broken")).isEqualTo(1);

        assertThat(errLines()).containsExactly("herald broken: input or output failed: /data/events.jsonl: Permission"
                + " denied; (second line)");
    }
}
