package dev.herald.core.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, immutable copies of JSON-like values: maps with string keys, lists, strings, numbers, booleans and null.
 *
 * <p>Events cross threads and outlive the caller's objects, so the core keeps its own frozen copy; the JDK's
 * {@code Map.copyOf} cannot hold the nulls that JSON allows, hence this small helper.
 */
public final class JsonValues {
    private static final int MAX_DEPTH = 64;

    private JsonValues() {}

    /** Returns an immutable deep copy of a JSON-like map, keeping its order; null gives an empty map. */
    public static Map<String, Object> copyOfMap(Map<String, ?> map, String what) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return copyMap(map, what, 0);
    }

    /** Returns an immutable deep copy of a JSON-like value. */
    public static Object copyOf(Object value, String what) {
        return copy(value, what, 0);
    }

    private static Object copy(Object value, String what, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(what + ": nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double d) {
            requireFinite(d, what);
            return value;
        }
        if (value instanceof Float f) {
            requireFinite(f.doubleValue(), what);
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return copyMap(map, what, depth);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copy(list.get(i), what + "[" + i + "]", depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        throw new IllegalArgumentException(what + ": not a JSON value (" + value.getClass().getName() + ")");
    }

    private static Map<String, Object> copyMap(Map<?, ?> map, String what, int depth) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new IllegalArgumentException(what + ": keys must be strings, got " + e.getKey());
            }
            copy.put(key, copy(e.getValue(), what + "." + key, depth + 1));
        }
        return Collections.unmodifiableMap(copy);
    }

    private static void requireFinite(double d, String what) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException(what + ": JSON has no " + d);
        }
    }
}
