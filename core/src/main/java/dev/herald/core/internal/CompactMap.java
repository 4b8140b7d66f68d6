package dev.herald.core.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable map that keeps its keys' order and allows null values, in one array of alternating keys and
 * values. Event metadata is small and read by name a few times; a LinkedHashMap behind an unmodifiable wrapper
 * cost about 190 bytes more per event, which counts when a million deliveries wait in memory.
 */
final class CompactMap extends AbstractMap<String, Object> {
    private final Object[] keysAndValues;

    /** Takes ownership of the array: {@code [k0, v0, k1, v1, ...]}, keys distinct and not null. */
    CompactMap(Object[] keysAndValues) {
        this.keysAndValues = keysAndValues;
    }

    @Override
    public int size() {
        return keysAndValues.length / 2;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : keysAndValues[i + 1];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keysAndValues.length / 2;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < keysAndValues.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (i >= keysAndValues.length) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> e = new SimpleImmutableEntry<>((String) keysAndValues[i],
                                keysAndValues[i + 1]);
                        i += 2;
                        return e;
                    }
                };
            }
        };
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < keysAndValues.length; i += 2) {
            h += keysAndValues[i].hashCode() ^ Objects.hashCode(keysAndValues[i + 1]);
        }
        return h;
    }
}
