package dev.herald.gateway.config;

import java.util.List;

/**
 * A plugin config that cannot be used. It lists every problem found, one per line of its message, each starting
 * with the path of the offending key ({@code plugins[0].config.webhooks[1].retry_delay: must be between 100 and
 * 60000, got 50}), so that a file can be fixed in one go. No message ever holds a secret.
 *
 * <p>The exception is a report for a person, not a failure to debug: it carries no stack trace.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> errors;

    /** An exception listing the given errors, at least one, in the order they were found. */
    public ConfigException(List<String> errors) {
        super(String.join("\n", requireSome(errors)), null, false, false);
        this.errors = List.copyOf(errors);
    }

    /** The errors, one per problem, each {@code path: what was expected}. */
    public List<String> errors() {
        return errors;
    }

    private static List<String> requireSome(List<String> errors) {
        if (errors == null || errors.isEmpty()) {
            throw new IllegalArgumentException("a config exception needs at least one error");
        }
        return errors;
    }
}
