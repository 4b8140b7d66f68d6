package dev.herald.templates.internal;

import freemarker.core.ParseException;
import freemarker.template.TemplateException;

/**
 * FreeMarker's error messages, which span several lines with stack excerpts, as one line for a log or a config
 * error, without the help FreeMarker appends (an unknown built-in comes with the list of all 200) and cut to a
 * readable length.
 */
final class FreemarkerMessages {
    private static final int MAX_CHARS = 500;
    private static final String HELP = " Help (latest version)";

    private FreemarkerMessages() {}

    static String of(TemplateException e) {
        String message = e.getMessageWithoutStackTop();
        return message == null ? e.getClass().getSimpleName() : oneLine(message);
    }

    /** The parser's message without its list of every token it would have accepted. */
    static String ofParse(ParseException e) {
        String message = e.getEditorMessage();
        if (message == null) {
            return "syntax error";
        }
        int expecting = message.indexOf("Was expecting");
        return oneLine(expecting > 0 ? message.substring(0, expecting) : message);
    }

    private static String oneLine(String message) {
        StringBuilder sb = new StringBuilder(message.length());
        for (String line : message.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("----")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(trimmed);
        }
        String text = sb.toString().replaceAll("\\s{2,}", " ");
        int help = text.indexOf(HELP);
        if (help > 0) {
            text = text.substring(0, help);
        }
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "...";
    }
}
