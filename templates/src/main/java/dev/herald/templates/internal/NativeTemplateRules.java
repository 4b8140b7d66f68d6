package dev.herald.templates.internal;

import freemarker.core.TemplateElement;
import freemarker.core._CoreAPI;
import freemarker.template.Template;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a native template may not do, checked on its parsed tree at start-up: the constructs whose cost neither the
 * render time cap nor the output cap can bound. The time cap stops a rendering only between two iterations of a
 * loop, and the output cap only when text is written; a built-in runs to its end in one step.
 * <ul>
 *   <li>a range ({@code a..b}) anywhere but as what {@code <#list>} lists: {@code (1..2000000000)?join(",")} or
 *       {@code ?filter} over it is one step of minutes or of gigabytes, while {@code <#list 1..n as i>} is a loop;
 *   <li>{@code ?left_pad} and {@code ?right_pad}: one call builds a string as wide as its argument;
 *   <li>{@code ?eval} and {@code ?interpret}: they run text that these rules and the start-up check never saw.
 * </ul>
 * Each element's own text is read in FreeMarker's canonical form, where string literals are always double-quoted,
 * so that text inside strings (and plain text between tags) is never mistaken for an expression.
 */
final class NativeTemplateRules {
    private static final Set<String> REFUSED_BUILT_INS = Set.of("left_pad", "right_pad", "eval", "interpret");
    private static final String RANGE_RULE = "a range (a..b) is allowed only as what <#list> lists, as in"
            + " <#list 1..n as i>, where the render time cap can stop it";

    private NativeTemplateRules() {}

    /** A construct the template may not use. */
    record Refusal(int line, int column, String message) {}

    /** The first refused construct of the template, if any. */
    static Optional<Refusal> check(Template template) {
        return check(template.getRootTreeNode());
    }

    private static Optional<Refusal> check(TemplateElement element) {
        String kind = element.getClass().getSimpleName();
        if (!kind.equals("TextBlock") && !kind.equals("Comment")) {
            String problem = new Scanner(element.getDescription(), kind.equals("IteratorBlock")).firstProblem();
            if (problem != null) {
                return Optional.of(new Refusal(element.getBeginLine(), element.getBeginColumn(), problem));
            }
        }
        for (int i = 0; i < element.getChildCount(); i++) {
            Optional<Refusal> inChild = check(_CoreAPI.getChildElement(element, i));
            if (inChild.isPresent()) {
                return inChild;
            }
        }
        return Optional.empty();
    }

    /** Reads one element's canonical text: its expressions, and the interpolations inside its string literals. */
    private static final class Scanner {
        private final String text;
        private final boolean listsSomething;
        private int pos;

        Scanner(String text, boolean listsSomething) {
            this.text = text;
            this.listsSomething = listsSomething;
        }

        String firstProblem() {
            return expression(false);
        }

        /** Scans up to the end, or inside an interpolation up to its closing brace; null when all is allowed. */
        private String expression(boolean interpolation) {
            int depth = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '"' || c == '\'') {
                    String problem = string(c);
                    if (problem != null) {
                        return problem;
                    }
                    continue;
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    if (interpolation && depth == 0) {
                        pos++;
                        return null;
                    }
                    depth--;
                } else if (text.startsWith("..", pos)) {
                    // Only the list source's own range, at the top level of a <#list> directive, is a loop.
                    if (!listsSomething || interpolation || depth != 0) {
                        return RANGE_RULE;
                    }
                    pos++;
                } else if (c == '?') {
                    String problem = builtIn();
                    if (problem != null) {
                        return problem;
                    }
                    continue;
                }
                pos++;
            }
            return null;
        }

        /** Skips a string literal; a raw one ({@code r"..."}) has no escapes and no interpolations. */
        private String string(char quote) {
            boolean raw = pos > 0 && text.charAt(pos - 1) == 'r';
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == quote) {
                    pos++;
                    return null;
                }
                if (!raw && c == '\\') {
                    pos += 2;
                    continue;
                }
                if (!raw && (c == '$' || c == '#') && text.startsWith("{", pos + 1)) {
                    pos += 2;
                    String problem = expression(true);
                    if (problem != null) {
                        return problem;
                    }
                    continue;
                }
                pos++;
            }
            return null;
        }

        private String builtIn() {
            pos++;
            if (pos < text.length() && text.charAt(pos) == '?') {
                pos++;
                return null;
            }
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = snakeCase(text.substring(start, pos));
            return REFUSED_BUILT_INS.contains(name) ? "?" + name + " is not allowed: " + (name.endsWith("pad")
                    ? "one call builds a string as wide as its argument, which no cap bounds"
                    : "it runs text that the start-up check never saw") : null;
        }

        /** FreeMarker accepts {@code ?leftPad} for {@code ?left_pad}. */
        private static String snakeCase(String name) {
            StringBuilder sb = new StringBuilder(name.length() + 4);
            for (char c : name.toCharArray()) {
                if (Character.isUpperCase(c)) {
                    sb.append('_').append(Character.toLowerCase(c));
                } else {
                    sb.append(c);
                }
            }
            return sb.toString().toLowerCase(Locale.ROOT);
        }
    }
}
