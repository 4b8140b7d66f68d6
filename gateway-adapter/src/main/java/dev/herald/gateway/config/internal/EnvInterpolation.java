package dev.herald.gateway.config.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code {{ env.NAME }}} in string values with the environment variable, as the gateway's config files
 * reference secrets. Only that form is touched: the templates' own placeholders ({@code {{event}}},
 * {@code {{ metadata.tool_name }}}) look alike and must reach the template engine intact.
 *
 * <p>An unset variable is an error naming the path and the variable, never a silent empty string; so is any other
 * use of {@code env} between braces (a Jinja filter, say), which the gateway's Jinja would accept and Herald
 * cannot honour.
 */
public final class EnvInterpolation {
    private static final Pattern REFERENCE = Pattern.compile(
            "\\{\\{\\s*env\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}|(\\{\\{\\s*env\\b[^}]*}?}?)");

    private final Map<String, String> environment;
    private final Problems problems;

    private EnvInterpolation(Map<String, String> environment, Problems problems) {
        this.environment = environment;
        this.problems = problems;
    }

    /** A copy of {@code value} with every reference replaced; errors go to {@code problems}. */
    public static Object apply(Object value, String path, Map<String, String> environment, Problems problems) {
        return new EnvInterpolation(environment, problems).copy(value, path);
    }

    private Object copy(Object value, String path) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v, ConfigPath.child(path, String.valueOf(k)))));
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(copy(l.get(i), ConfigPath.index(path, i)));
            }
            return Collections.unmodifiableList(out);
        }
        if (value instanceof String s && s.contains("{{")) {
            return interpolate(s, path);
        }
        return value;
    }

    private String interpolate(String text, String path) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        boolean failed = false;
        while (m.find()) {
            String replacement = m.group();
            if (m.group(2) != null) {
                problems.add(path, "unsupported environment reference " + Values.quote(m.group(2))
                        + "; only {{ env.NAME }} is interpolated");
                failed = true;
            } else {
                String name = m.group(1);
                String v = environment.get(name);
                if (v == null) {
                    problems.add(path, "environment variable '" + name + "' is not set");
                    failed = true;
                    replacement = "";
                } else {
                    replacement = v;
                    replaced = true;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        if (failed) {
            problems.silence(path);
        } else if (replaced) {
            problems.markFromEnvironment(path);
        }
        return out.toString();
    }
}
