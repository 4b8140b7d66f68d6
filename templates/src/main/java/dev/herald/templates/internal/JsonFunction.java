package dev.herald.templates.internal;

import freemarker.template.SimpleScalar;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import java.util.List;

/**
 * A JSON helper, one per place a value can take in JSON text. FreeMarker has no JSON auto-escaping, so these
 * are what make a template's output valid whatever the values hold. Each is two things:
 * <ul>
 *   <li>a function of a value, {@code json(user)}; a missing argument (an undefined variable) arrives as null;
 *   <li>a hash of dotted paths of the event's context, {@code json["metadata.tool_name"]}, missing when any
 *       step is missing. Seed placeholders are translated to this form: one look-up, where a call with
 *       {@code at(...)} would cost two calls.
 * </ul>
 */
final class JsonFunction implements TemplateMethodModelEx, TemplateHashModel {
    private final SeedTemplate.Position position;
    private final EventModel event;

    JsonFunction(SeedTemplate.Position position, EventModel event) {
        this.position = position;
        this.event = event;
    }

    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.size() != 1) {
            throw new TemplateModelException(position.helper() + "() takes exactly one argument, got "
                    + arguments.size());
        }
        Object value = JsonModels.unwrap((TemplateModel) arguments.get(0));
        try {
            // A String, not a model: FreeMarker wraps method results, and a String is the cheapest to wrap.
            return position.write(value);
        } catch (IllegalArgumentException e) {
            throw new TemplateModelException(position.helper() + "(): " + e.getMessage());
        }
    }

    @Override
    public TemplateModel get(String path) {
        return new SimpleScalar(position.write(event.resolve(path)));
    }

    @Override
    public boolean isEmpty() {
        return false;
    }
}
