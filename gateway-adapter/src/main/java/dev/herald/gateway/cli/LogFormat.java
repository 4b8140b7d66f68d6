package dev.herald.gateway.cli;

import java.util.Locale;
import java.util.Map;

/**
 * How the command's log lines are written on stderr: {@code text} (the default) or {@code json}, one JSON object
 * per line (logback's {@code JsonEncoder}: {@code timestamp}, {@code level}, {@code threadName},
 * {@code loggerName}, {@code mdc}, {@code formattedMessage}). Chosen by {@code herald serve --log-format} or
 * {@value #VARIABLE}, the option winning.
 */
enum LogFormat {
    TEXT, JSON;

    static final String VARIABLE = "HERALD_LOG_FORMAT";
    /** The system property {@code herald-logback.xml} picks its format by; set before the first logger. */
    static final String PROPERTY = "herald.log.format";

    /** The name users write, and the one of its file, {@code herald-logback-text.xml} or {@code -json.xml}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format the option or, without it, the environment asks for.
     *
     * @param option {@code --log-format}'s value, or null
     * @throws IllegalArgumentException naming the option or variable whose value is neither text nor json
     */
    static LogFormat of(String option, Map<String, String> env) {
        if (option != null) {
            return parse(option, "--log-format");
        }
        String value = env.get(VARIABLE);
        return value == null || value.isBlank() ? TEXT : parse(value, VARIABLE);
    }

    private static LogFormat parse(String value, String source) {
        for (LogFormat f : values()) {
            if (f.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException(source + ": must be text or json, got '" + value + "'");
    }
}
