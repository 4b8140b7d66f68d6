package dev.herald.templates.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON text of JSON-like values (maps, lists, strings, numbers, booleans, null).
 *
 * <p>Hand-written rather than Jackson because it runs for every placeholder of every delivery and the values
 * are already plain Java objects; a tree or a generator per call would cost more than the writing itself.
 *
 * <p>Every string is made safe for any receiver: quotes, backslashes and control characters are escaped,
 * U+2028 and U+2029 too (JavaScript receivers choke on them raw), and an unpaired surrogate, which has no
 * UTF-8 form, becomes U+FFFD.
 */
public final class JsonWriter {
    /** What an unpaired surrogate becomes. */
    public static final char REPLACEMENT = '\uFFFD';

    private static final int MAX_DEPTH = 100;
    private static final String[] ASCII_ESCAPES = new String[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII_ESCAPES[c] = String.format("\\u%04x", c);
        }
        ASCII_ESCAPES['\b'] = "\\b";
        ASCII_ESCAPES['\t'] = "\\t";
        ASCII_ESCAPES['\n'] = "\\n";
        ASCII_ESCAPES['\f'] = "\\f";
        ASCII_ESCAPES['\r'] = "\\r";
        ASCII_ESCAPES['"'] = "\\\"";
        ASCII_ESCAPES['\\'] = "\\\\";
    }

    private JsonWriter() {}

    /** The value as JSON: object, array, string, number, true/false, or null. */
    public static String value(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s && !needsEscaping(s)) {
            return '"' + s + '"';
        }
        StringBuilder sb = new StringBuilder(value instanceof String s ? s.length() + 2 : 64);
        writeValue(sb, value, 0);
        return sb.toString();
    }

    /** Appends the value as JSON, as {@link #value} gives it. */
    static void appendValue(StringBuilder out, Object value) {
        writeValue(out, value, 0);
    }

    /** A JSON string holding the value's text (its JSON text when it is not a string), or null when missing. */
    public static String string(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof String s ? s : value(value);
        if (!needsEscaping(text)) {
            return '"' + text + '"';
        }
        StringBuilder sb = new StringBuilder(text.length() + 8);
        writeString(sb, text);
        return sb.toString();
    }

    /** The value's text escaped to sit inside a JSON string, without quotes; empty when missing. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof String s ? s : value(value);
        if (!needsEscaping(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        escape(sb, text);
        return sb.toString();
    }

    /** Appends a quoted, escaped JSON string. */
    public static void writeString(StringBuilder out, CharSequence s) {
        out.append('"');
        escape(out, s);
        out.append('"');
    }

    /** Appends the characters escaped for the inside of a JSON string. */
    public static void escape(StringBuilder out, CharSequence s) {
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escaped;
            if (c < 0x80) {
                escaped = ASCII_ESCAPES[c];
                if (escaped == null) {
                    continue;
                }
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                escaped = "\uFFFD";
            } else if (c == '\u2028') {
                escaped = "\\u2028";
            } else if (c == '\u2029') {
                escaped = "\\u2029";
            } else {
                continue;
            }
            out.append(s, start, i).append(escaped);
            start = i + 1;
        }
        out.append(s, start, n);
    }

    static boolean needsEscaping(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80 ? ASCII_ESCAPES[c] != null : Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    private static void writeValue(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue() ? "true" : "false");
        } else if (value instanceof Number n) {
            writeNumber(out, n);
        } else if (value instanceof Map<?, ?> map) {
            checkDepth(depth);
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, String.valueOf(e.getKey()));
                out.append(':');
                writeValue(out, e.getValue(), depth + 1);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            checkDepth(depth);
            out.append('[');
            for (int i = 0, n = list.size(); i < n; i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(out, list.get(i), depth + 1);
            }
            out.append(']');
        } else if (value instanceof CharSequence cs) {
            writeString(out, cs);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeNumber(StringBuilder out, Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            out.append(n.longValue());
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            // JSON has no NaN or infinity; the core refuses them in events, so only template arithmetic gets here.
            if (Double.isFinite(d)) {
                out.append(n instanceof Float ? Float.toString(n.floatValue()) : Double.toString(d));
            } else {
                out.append("null");
            }
        } else if (n instanceof BigDecimal || n instanceof BigInteger) {
            out.append(n.toString());
        } else {
            double d = n.doubleValue();
            out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    /**
     * Whether the value's compact JSON, as the seed measured it (Python's {@code orjson.dumps}: no spaces,
     * non-ASCII characters raw, length in code points), is longer than {@code limit} characters. Stops counting
     * as soon as the limit is passed, so a huge payload costs no more than a small one.
     */
    public static boolean longerThan(Object value, int limit) {
        return measure(value, limit, 0, 0) > limit;
    }

    private static long measure(Object value, int limit, long count, int depth) {
        if (count > limit) {
            return count;
        }
        if (value == null) {
            return count + 4;
        }
        if (value instanceof CharSequence s) {
            return count + measureString(s, limit - count);
        }
        if (value instanceof Boolean b) {
            return count + (b.booleanValue() ? 4 : 5);
        }
        if (value instanceof Number n) {
            StringBuilder sb = new StringBuilder(24);
            writeNumber(sb, n);
            return count + sb.length();
        }
        if (value instanceof Map<?, ?> map) {
            checkDepth(depth);
            count += map.isEmpty() ? 2 : 1 + map.size();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                count = measure(String.valueOf(e.getKey()), limit, count + 1, depth + 1);
                count = measure(e.getValue(), limit, count, depth + 1);
                if (count > limit) {
                    return count;
                }
            }
            return count;
        }
        if (value instanceof List<?> list) {
            checkDepth(depth);
            count += list.isEmpty() ? 2 : 1 + list.size();
            for (Object item : list) {
                count = measure(item, limit, count, depth + 1);
                if (count > limit) {
                    return count;
                }
            }
            return count;
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    private static long measureString(CharSequence s, long budget) {
        long count = 2;
        for (int i = 0, n = s.length(); i < n && count <= budget; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
                count += 2;
            } else if (c < 0x20) {
                count += 6;
            } else {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
                count++;
            }
        }
        return count;
    }
}
