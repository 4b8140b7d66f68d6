package dev.herald.templates.internal;

import freemarker.ext.util.WrapperTemplateModel;
import freemarker.template.AdapterTemplateModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateSequenceModel;
import java.util.List;

/** A JSON array seen from a template: a view over the event's own immutable list. */
final class JsonArrayModel implements TemplateSequenceModel, AdapterTemplateModel, WrapperTemplateModel {
    private final List<?> list;

    JsonArrayModel(List<?> list) {
        this.list = list;
    }

    List<?> list() {
        return list;
    }

    @Override
    public TemplateModel get(int index) throws TemplateModelException {
        return index >= 0 && index < list.size() ? JsonModels.of(list.get(index)) : null;
    }

    @Override
    public int size() {
        return list.size();
    }

    @Override
    public Object getAdaptedObject(Class<?> hint) {
        return list;
    }

    @Override
    public Object getWrappedObject() {
        return list;
    }
}
