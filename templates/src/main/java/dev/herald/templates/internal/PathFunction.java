package dev.herald.templates.internal;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import java.util.List;

/**
 * {@code at("a.b.c")}: the value at a dotted path of the event's context, or null (missing) when any step is
 * missing. FreeMarker's own {@code a.b.c} fails when {@code a.b} is missing; seed placeholders and authors who
 * want a value or nothing use this instead.
 */
final class PathFunction implements TemplateMethodModelEx {
    private final EventModel event;

    PathFunction(EventModel event) {
        this.event = event;
    }

    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.size() != 1 || !(arguments.get(0) instanceof TemplateScalarModel path)) {
            throw new TemplateModelException(
                    "at() takes one string argument, a dotted path such as \"metadata.tool_name\"");
        }
        return JsonModels.of(event.resolve(path.getAsString()));
    }
}
