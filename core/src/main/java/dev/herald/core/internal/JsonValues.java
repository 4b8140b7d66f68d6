package dev.herald.core.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Deep, immutable copies of JSON-like values: maps with string keys, lists, strings, numbers, booleans and null.
 *
 * <p>Events cross threads and outlive the caller's objects, so the core keeps its own frozen copy; the JDK's
 * {@code Map.copyOf} cannot hold the nulls that JSON allows, hence this small helper. It runs for every event, so
 * the path of a bad value is only spelled out when there is one.
 */
public final class JsonValues {
    private static final int MAX_DEPTH = 64;

    private JsonValues() {}

    /** Returns an immutable deep copy of a JSON-like map, keeping its order; null gives an empty map. */
    public static Map<String, Object> copyOfMap(Map<String, ?> map, String what) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        try {
            return copyMap(map, 0);
        } catch (BadValue e) {
            throw e.at(what);
        }
    }

    /** Returns an immutable deep copy of a JSON-like value. */
    public static Object copyOf(Object value, String what) {
        try {
            return copy(value, 0);
        } catch (BadValue e) {
            throw e.at(what);
        }
    }

    private static Object copy(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new BadValue("", "nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double d) {
            requireFinite(d);
            return value;
        }
        if (value instanceof Float f) {
            requireFinite(f.doubleValue());
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map, depth);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                try {
                    copy.add(copy(list.get(i), depth + 1));
                } catch (BadValue e) {
                    throw e.under("[" + i + "]");
                }
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        throw new BadValue("", "not a JSON value (" + value.getClass().getName() + ")");
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, int depth) {
        Object[] kv = new Object[map.size() * 2];
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new BadValue("", "keys must be strings, got " + e.getKey());
            }
            kv[i++] = key;
            try {
                kv[i++] = copy(e.getValue(), depth + 1);
            } catch (BadValue bad) {
                throw bad.under("." + key);
            }
        }
        return new CompactMap(kv);
    }

    private static void requireFinite(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new BadValue("", "JSON has no " + d);
        }
    }

    /** A bad value found while copying, with its path below the value handed in. */
    private static final class BadValue extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String path;
        private final String problem;

        BadValue(String path, String problem) {
            super(problem);
            this.path = path;
            this.problem = problem;
        }

        BadValue under(String step) {
            return new BadValue(step + path, problem);
        }

        IllegalArgumentException at(String what) {
            return new IllegalArgumentException(what + path + ": " + problem);
        }
    }
}
