package dev.herald.templates;

import java.util.List;

/**
 * The template configuration is unusable. All problems found are reported at once, so that a config file can
 * be fixed in one go rather than one error per start.
 */
public class TemplateConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<TemplateProblem> problems;

    /** An exception listing the given problems, at least one. */
    public TemplateConfigException(List<TemplateProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, in config order. */
    public List<TemplateProblem> problems() {
        return problems;
    }

    private static String describe(List<TemplateProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a template config exception needs at least one problem");
        }
        if (problems.size() == 1) {
            return "invalid template config: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder("invalid template config, ").append(problems.size()).append(" problems:");
        for (TemplateProblem p : problems) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }
}
