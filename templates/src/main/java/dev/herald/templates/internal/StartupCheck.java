package dev.herald.templates.internal;

import dev.herald.core.event.EventType;
import dev.herald.templates.TemplateProblem;
import java.util.List;

/**
 * The start-up test of one template: render every sample event and parse the output as JSON. A failure is
 * reported at the template position to fix when it can be known: the failing instruction of a native
 * template, or for a seed template the literal text or placeholder that produced the bad character.
 */
final class StartupCheck {
    private static final int EXCERPT_BEFORE = 30;
    private static final int EXCERPT_AFTER = 10;

    private StartupCheck() {}

    /** The first problem with the template, or null when every sample renders to JSON. */
    static TemplateProblem check(FreemarkerCompiledTemplate template, List<EventType> types) {
        for (EventType type : types) {
            for (SampleEvents.Sample sample : SampleEvents.of(type)) {
                Utf8Output out = new Utf8Output(template.maxOutputBytes());
                try {
                    template.renderTo(sample.event(), out);
                } catch (RenderFailure f) {
                    return new TemplateProblem(template.key(), f.line(), f.column(),
                            "fails to render " + sample.description() + ": " + f.detail());
                }
                String text = out.toString();
                JsonCheck.Error error = JsonCheck.check(text);
                if (error != null) {
                    return problem(template, sample, text, error);
                }
            }
        }
        return null;
    }

    private static TemplateProblem problem(FreemarkerCompiledTemplate template, SampleEvents.Sample sample,
            String output, JsonCheck.Error error) {
        SeedTemplate seed = template.seed();
        String near = " near " + excerpt(output, error.offset());
        if (seed != null) {
            EventModel model = new EventModel(sample.event(), template.settings());
            int offset = seed.sourceOffset(model, error.offset());
            int[] lc = lineColumn(seed.source(), offset);
            return new TemplateProblem(template.key(), lc[0], lc[1], "the output is not valid JSON ("
                    + error.message() + ") when rendering " + sample.description() + ";" + near);
        }
        int[] lc = lineColumn(output, error.offset());
        return new TemplateProblem(template.key(), lc[0], lc[1], "the output is not valid JSON at line " + lc[0]
                + ", column " + lc[1] + " of the output (" + error.message() + ") when rendering "
                + sample.description() + ";" + near);
    }

    /** 1-based line and column of a character offset. */
    static int[] lineColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    private static String excerpt(String text, int offset) {
        int from = Math.max(0, offset - EXCERPT_BEFORE);
        int to = Math.min(text.length(), offset + EXCERPT_AFTER);
        String excerpt = (from > 0 ? "..." : "") + text.substring(from, to) + (to < text.length() ? "..." : "");
        return JsonWriter.string(excerpt);
    }
}
