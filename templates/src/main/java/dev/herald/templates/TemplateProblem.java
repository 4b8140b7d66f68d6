package dev.herald.templates;

/**
 * One thing wrong with the configured templates.
 *
 * @param key the config key of the template or setting, such as {@code payload_templates.tool_error},
 *     {@code default_template}, {@code templates.slack} or {@code max_output_bytes}
 * @param line the 1-based line of the problem, 0 when it has no position. It is a line of the template's own
 *     text, except for a native FreeMarker template whose output is not JSON: then it is a line of the output
 *     rendered for a sample event, and the message says so
 * @param column the 1-based column on that line, 0 when it has no position
 * @param message what is wrong, for a person to read
 */
public record TemplateProblem(String key, int line, int column, String message) {

    /** A problem without a position, for a setting rather than a template text. */
    public static TemplateProblem of(String key, String message) {
        return new TemplateProblem(key, 0, 0, message);
    }

    /** {@code key: line L, column C: message}, or {@code key: message} without a position. */
    @Override
    public String toString() {
        return line > 0 ? key + ": line " + line + ", column " + column + ": " + message : key + ": " + message;
    }
}
