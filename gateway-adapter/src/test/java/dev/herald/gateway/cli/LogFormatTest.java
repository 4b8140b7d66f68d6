package dev.herald.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The log format {@code main} picks before the first logger exists, from the same option and variable that
 * {@code serve} then checks: the option wins, and what serve would refuse (or a command line that does not parse)
 * leaves the logs as text, so that serve's refusal itself is readable.
 */
class LogFormatTest {
    private static LogFormat of(Map<String, String> env, String... args) {
        return HeraldCli.logFormat(args, env);
    }

    @Test
    void theOptionOrTheVariableAsksForJson() {
        assertThat(of(Map.of(), "serve", "--log-format", "json")).isEqualTo(LogFormat.JSON);
        assertThat(of(Map.of(), "serve", "--config", "c.yaml", "--log-format=JSON")).isEqualTo(LogFormat.JSON);
        assertThat(of(Map.of("HERALD_LOG_FORMAT", "json"), "serve")).isEqualTo(LogFormat.JSON);
        assertThat(of(Map.of("HERALD_LOG_FORMAT", " Json "), "deliveries", "list")).isEqualTo(LogFormat.JSON);
    }

    @Test
    void textByDefaultWhenTheOptionSaysSoAndWhenTheValueIsRefused() {
        assertThat(of(Map.of(), "serve")).isEqualTo(LogFormat.TEXT);
        assertThat(of(Map.of("HERALD_LOG_FORMAT", "json"), "serve", "--log-format", "text"))
                .isEqualTo(LogFormat.TEXT);
        assertThat(of(Map.of(), "serve", "--log-format", "xml")).isEqualTo(LogFormat.TEXT);
        assertThat(of(Map.of("HERALD_LOG_FORMAT", "yaml"), "serve")).isEqualTo(LogFormat.TEXT);
        assertThat(of(Map.of(), "serve", "--log-format")).isEqualTo(LogFormat.TEXT);
        assertThat(of(Map.of(), "demo", "--log-format", "json")).isEqualTo(LogFormat.TEXT);
    }
}
