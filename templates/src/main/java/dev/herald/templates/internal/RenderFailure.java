package dev.herald.templates.internal;

/**
 * Why one rendering failed, with the template position when there is one; start-up checks turn it into a
 * {@code TemplateProblem}, deliveries into a {@code TemplateRenderException}.
 */
public final class RenderFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final int line;
    private final int column;
    private final String detail;

    RenderFailure(String key, int line, int column, String detail, Throwable cause) {
        super(describe(key, line, column, detail), cause);
        this.key = key;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public String key() {
        return key;
    }

    /** 1-based line in the template, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column in the template, 0 when unknown. */
    public int column() {
        return column;
    }

    /** What went wrong, without key or position. */
    public String detail() {
        return detail;
    }

    private static String describe(String key, int line, int column, String detail) {
        return "template '" + key + "'" + (line > 0 ? " at line " + line + ", column " + column : "") + ": " + detail;
    }
}
