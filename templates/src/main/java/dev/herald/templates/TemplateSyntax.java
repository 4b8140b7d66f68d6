package dev.herald.templates;

/**
 * The two template languages, and the rule that tells them apart.
 *
 * <p>A template is {@link #FREEMARKER native FreeMarker} when its text contains any of FreeMarker's openers:
 * <code>$&#123;</code> (an interpolation), {@code <#} or {@code </#} (a directive or a comment), {@code <@} or
 * {@code </@} (a macro call). Otherwise it is a {@link #SEED seed} template. The gateway plugin's templates never
 * contain those openers, because the plugin only replaced {@code {{name}}}, so every template written for it
 * keeps its meaning. A seed template whose literal text happens to contain one of the openers (a price written
 * <code>$&#123;</code>, say) is read as FreeMarker; write it in FreeMarker then, with
 * <code>$&#123;r"$&#123;"}</code> for the literal text.
 */
public enum TemplateSyntax {
    /**
     * The gateway plugin's syntax: JSON text with {@code {{name}}} or dotted {@code {{a.b.c}}} placeholders,
     * spaces allowed inside the braces. Each placeholder is escaped for where it stands in the JSON text.
     */
    SEED,
    /** A FreeMarker template, with Herald's JSON helpers in its data model; escaping is the author's job. */
    FREEMARKER;

    private static final String[] FREEMARKER_OPENERS = {"${", "<#", "</#", "<@", "</@"};

    /** The syntax the given template text is written in. */
    public static TemplateSyntax detect(String source) {
        for (String opener : FREEMARKER_OPENERS) {
            if (source.contains(opener)) {
                return FREEMARKER;
            }
        }
        return SEED;
    }
}
