package dev.herald.templates.internal;

import freemarker.ext.util.WrapperTemplateModel;
import freemarker.template.AdapterTemplateModel;
import freemarker.template.SimpleCollection;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateCollectionModel;
import freemarker.template.TemplateHashModelEx2;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import java.util.Iterator;
import java.util.Map;

/** A JSON object seen from a template: a view over the event's own immutable map, nothing copied. */
final class JsonObjectModel implements TemplateHashModelEx2, AdapterTemplateModel, WrapperTemplateModel {
    private final Map<?, ?> map;

    JsonObjectModel(Map<?, ?> map) {
        this.map = map;
    }

    Map<?, ?> map() {
        return map;
    }

    @Override
    public TemplateModel get(String key) throws TemplateModelException {
        return JsonModels.of(map.get(key));
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public TemplateCollectionModel keys() {
        return new SimpleCollection(map.keySet(), JsonModels.WRAPPER);
    }

    @Override
    public TemplateCollectionModel values() {
        return new SimpleCollection(map.values(), JsonModels.WRAPPER);
    }

    @Override
    public KeyValuePairIterator keyValuePairIterator() {
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        return new KeyValuePairIterator() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public KeyValuePair next() throws TemplateModelException {
                Map.Entry<?, ?> e = entries.next();
                TemplateModel key = new SimpleScalar(String.valueOf(e.getKey()));
                TemplateModel value = JsonModels.of(e.getValue());
                return new KeyValuePair() {
                    @Override
                    public TemplateModel getKey() {
                        return key;
                    }

                    @Override
                    public TemplateModel getValue() {
                        return value;
                    }
                };
            }
        };
    }

    @Override
    public Object getAdaptedObject(Class<?> hint) {
        return map;
    }

    @Override
    public Object getWrappedObject() {
        return map;
    }
}
