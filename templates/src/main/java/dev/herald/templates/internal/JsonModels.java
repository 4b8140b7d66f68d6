package dev.herald.templates.internal;

import freemarker.template.ObjectWrapper;
import freemarker.template.SimpleNumber;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateCollectionModel;
import freemarker.template.TemplateDateModel;
import freemarker.template.TemplateDirectiveModel;
import freemarker.template.TemplateHashModelEx;
import freemarker.template.TemplateHashModelEx2;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateModelIterator;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateSequenceModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only object wrapper templates get: it knows JSON-like values and nothing else, so no Java object, class
 * or method is ever reachable from a template, whatever the data holds.
 */
public final class JsonModels implements ObjectWrapper {
    /** The one instance, set on the hardened configuration. */
    public static final JsonModels WRAPPER = new JsonModels();

    private static final int MAX_DEPTH = 100;

    private JsonModels() {}

    @Override
    public TemplateModel wrap(Object value) throws TemplateModelException {
        return of(value);
    }

    /** The template model of a JSON-like value; null stays null, which templates see as missing. */
    public static TemplateModel of(Object value) throws TemplateModelException {
        // Final and abstract classes first: a failed instanceof against an interface is a slow scan on JDK 17.
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return new SimpleScalar(s);
        }
        if (value instanceof Number n) {
            return new SimpleNumber(n);
        }
        if (value instanceof Boolean b) {
            return b.booleanValue() ? TemplateBooleanModel.TRUE : TemplateBooleanModel.FALSE;
        }
        if (value instanceof Map<?, ?> map) {
            return new JsonObjectModel(map);
        }
        if (value instanceof List<?> list) {
            return new JsonArrayModel(list);
        }
        if (value instanceof TemplateModel model) {
            return model;
        }
        if (value instanceof CharSequence cs) {
            return new SimpleScalar(cs.toString());
        }
        throw new TemplateModelException("templates only see JSON values, not " + value.getClass().getName());
    }

    /**
     * The JSON-like value of a template model: the original map or list for Herald's own models, a rebuilt one
     * for FreeMarker's hash and sequence literals; null for a missing value.
     */
    public static Object unwrap(TemplateModel model) throws TemplateModelException {
        return unwrap(model, 0);
    }

    private static Object unwrap(TemplateModel model, int depth) throws TemplateModelException {
        if (model == null) {
            return null;
        }
        if (model instanceof JsonObjectModel o) {
            return o.map();
        }
        if (model instanceof JsonArrayModel a) {
            return a.list();
        }
        if (model instanceof TemplateScalarModel s) {
            return s.getAsString();
        }
        if (model instanceof TemplateNumberModel n) {
            return n.getAsNumber();
        }
        if (model instanceof TemplateBooleanModel b) {
            return b.getAsBoolean();
        }
        if (depth >= MAX_DEPTH) {
            throw new TemplateModelException("value nested deeper than " + MAX_DEPTH + " levels");
        }
        if (model instanceof TemplateHashModelEx2 hash) {
            Map<String, Object> map = new LinkedHashMap<>();
            TemplateHashModelEx2.KeyValuePairIterator it = hash.keyValuePairIterator();
            while (it.hasNext()) {
                TemplateHashModelEx2.KeyValuePair pair = it.next();
                map.put(keyOf(pair.getKey()), unwrap(pair.getValue(), depth + 1));
            }
            return map;
        }
        if (model instanceof TemplateHashModelEx hash) {
            Map<String, Object> map = new LinkedHashMap<>();
            TemplateModelIterator keys = hash.keys().iterator();
            while (keys.hasNext()) {
                String key = keyOf(keys.next());
                map.put(key, unwrap(hash.get(key), depth + 1));
            }
            return map;
        }
        if (model instanceof TemplateSequenceModel seq) {
            int size = seq.size();
            List<Object> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(unwrap(seq.get(i), depth + 1));
            }
            return list;
        }
        if (model instanceof TemplateCollectionModel coll) {
            List<Object> list = new ArrayList<>();
            TemplateModelIterator it = coll.iterator();
            while (it.hasNext()) {
                list.add(unwrap(it.next(), depth + 1));
            }
            return list;
        }
        throw new TemplateModelException("not a JSON value: a " + kindOf(model)
                + "; format dates with ?iso_utc or ?string first");
    }

    private static String keyOf(TemplateModel key) throws TemplateModelException {
        if (key instanceof TemplateScalarModel s) {
            return s.getAsString();
        }
        throw new TemplateModelException("JSON object keys must be strings, got a " + kindOf(key));
    }

    private static String kindOf(TemplateModel model) {
        if (model instanceof TemplateDateModel) {
            return "date";
        }
        if (model instanceof TemplateMethodModelEx) {
            return "function";
        }
        if (model instanceof TemplateDirectiveModel) {
            return "macro or directive";
        }
        return model.getClass().getSimpleName();
    }
}
