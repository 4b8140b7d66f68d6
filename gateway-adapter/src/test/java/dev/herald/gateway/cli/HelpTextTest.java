package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's {@code --help} as a user reads it on an 80-column terminal: no line runs over, no description is
 * cut mid-sentence (a hand-wrapped line that picocli wraps again), every option says what it does in a sentence,
 * and every example can be copied and run: the real command line parses it.
 */
class HelpTextTest {
    private static final int COLUMNS = 80;

    /** Every command and subcommand, by its qualified name ({@code herald deliveries list}). */
    private static Map<String, CommandLine> commands() {
        Map<String, CommandLine> all = new TreeMap<>();
        collect(HeraldCli.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine cli, Map<String, CommandLine> all) {
        all.put(cli.getCommandSpec().qualifiedName(), cli);
        cli.getSubcommands().values().forEach(sub -> collect(sub, all));
    }

    private static String help(CommandLine cli) {
        cli.setUsageHelpWidth(COLUMNS);
        return cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Test
    void everyCommandIsCovered() {
        assertThat(commands()).containsKeys("herald", "herald demo", "herald check", "herald send", "herald serve",
                "herald deliveries", "herald deliveries list", "herald deliveries replay", "herald help");
    }

    @Test
    void noLineIsLongerThanEightyColumns() {
        SoftAssertions soft = new SoftAssertions();
        commands().forEach((name, cli) -> help(cli).lines().forEach(line -> soft.assertThat(line.length())
                .as("%s --help: %s", name, line).isLessThanOrEqualTo(COLUMNS)));
        soft.assertAll();
    }

    @Test
    void everyOptionAndParameterIsDescribedInWholeSentences() {
        SoftAssertions soft = new SoftAssertions();
        commands().forEach((name, cli) -> {
            List<ArgSpec> args = new ArrayList<>(cli.getCommandSpec().options());
            args.addAll(cli.getCommandSpec().positionalParameters());
            for (ArgSpec arg : args) {
                String description = String.join(" ", arg.description()).strip();
                soft.assertThat(description).as("%s %s", name, arg.paramLabel()).matches("[A-Z].*\\.");
            }
        });
        soft.assertAll();
    }

    @Test
    void noDescriptionIsCutMidSentence() {
        SoftAssertions soft = new SoftAssertions();
        commands().forEach((name, cli) -> {
            CommandSpec spec = cli.getCommandSpec();
            List<String> paragraphs = new ArrayList<>(List.of(spec.usageMessage().description()));
            paragraphs.addAll(List.of(spec.usageMessage().footer()));
            for (String element : paragraphs) {
                // Each element is a paragraph that picocli wraps: an example, a heading, or whole sentences.
                String p = element.replace("%n", "").strip();
                if (!p.isBlank() && !isExample(p)) {
                    soft.assertThat(p).as("%s --help", name).matches("[A-Z].*[.:]");
                }
            }
        });
        soft.assertAll();
    }

    @Test
    void everyExampleParsesAsItStands() {
        List<String> examples = new ArrayList<>();
        commands().forEach((name, cli) -> help(cli).lines().filter(HelpTextTest::isExample).forEach(examples::add));

        assertThat(examples).as("every command but help shows an example").hasSizeGreaterThanOrEqualTo(7);
        for (String example : examples) {
            List<String> words = shellWords(example.substring(example.indexOf("herald ")));
            assertThat(words.get(0)).isEqualTo("herald");
            assertThatCode(() -> HeraldCli.commandLine().parseArgs(words.subList(1, words.size())
                    .toArray(String[]::new))).as(example).doesNotThrowAnyException();
        }
    }

    @Test
    void sendListsEveryKeyOfAnEventLine() {
        String help = help(commands().get("herald send")).replaceAll("\\s+", " ");

        for (String key : EventLineParser.KEYS) {
            assertThat(help).as(key).containsPattern("\\b" + key + "\\b");
        }
        assertThat(help).contains("timestamp", "event_id");
    }

    /** A line that shows a command to run: it starts with {@code herald}, or pipes into it. */
    private static boolean isExample(String line) {
        String s = line.strip();
        return s.startsWith("herald ") || s.equals("herald") || s.contains("| herald ");
    }

    /** The words a POSIX shell makes of a line without variables: quotes group, backslash escapes. */
    private static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        assertThat((int) quote).as("unclosed quote in %s", line).isZero();
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
