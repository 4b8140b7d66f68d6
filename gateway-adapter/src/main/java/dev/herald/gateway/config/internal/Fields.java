package dev.herald.gateway.config.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of one YAML map at a known path. Every read that fails records an error naming the key's path and
 * what was expected, then returns the default, so that reading goes on and every error is reported at once.
 */
final class Fields {
    /** The longest duration any setting takes: a day is beyond every sensible timeout and keeps arithmetic safe. */
    static final long MAX_SECONDS = 86_400;
    private static final BigDecimal ONE_NANOSECOND = BigDecimal.ONE.movePointLeft(9);

    private final Map<String, Object> map;
    private final String path;
    private final Problems problems;

    private Fields(Map<String, Object> map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /** The map at {@code path}, or empty (with an error) when the value is something else; null is an empty map. */
    @SuppressWarnings("unchecked")
    static Optional<Fields> of(Object value, String path, Problems problems) {
        if (value == null) {
            return Optional.of(new Fields(Map.of(), path, problems));
        }
        if (value instanceof Map<?, ?> m) {
            return Optional.of(new Fields((Map<String, Object>) m, path, problems));
        }
        problems.add(path, "expected a map, got " + describe(problems, path, value));
        return Optional.empty();
    }

    String path() {
        return path;
    }

    /** The path of one of this map's keys. */
    String path(String key) {
        return ConfigPath.child(path, key);
    }

    Problems problems() {
        return problems;
    }

    /** Whether the key is set; an explicit null counts as not set, so it means the default. */
    boolean has(String key) {
        return map.get(key) != null;
    }

    Object raw(String key) {
        return map.get(key);
    }

    Collection<String> keys() {
        return map.keySet();
    }

    /** Records an error for every key not in {@code known}, with the nearest known key as a hint. */
    void rejectUnknown(Collection<String> known) {
        for (String key : map.keySet()) {
            if (!known.contains(key) && KnownKeys.REMOVED.containsKey(key)) {
                problems.add(path(key), KnownKeys.REMOVED.get(key));
            } else if (!known.contains(key)) {
                String hint = Suggestions.hint(key, known);
                problems.add(path(key), "unknown key" + (hint.isEmpty()
                        ? "; known keys: " + String.join(", ", known) : hint));
            }
        }
    }

    /** A string; null or absent gives the default. */
    String string(String key, String defaultValue) {
        Object v = map.get(key);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof String s) {
            return s;
        }
        problems.add(path(key), "expected a string, got " + describe(path(key), v));
        return defaultValue;
    }

    /** A string that must be present. */
    String requiredString(String key, String what) {
        if (map.get(key) == null) {
            problems.add(path(key), "required (" + what + ")");
            return null;
        }
        return string(key, null);
    }

    /** An integer in {@code [min, max]}; absent gives the default. */
    int integer(String key, int defaultValue, long min, long max) {
        return has(key) ? integerValue(map.get(key), path(key), min, max, defaultValue) : defaultValue;
    }

    /** An integer in {@code [min, max]}, or empty when absent. */
    Optional<Integer> optionalInteger(String key, long min, long max) {
        if (!has(key)) {
            return Optional.empty();
        }
        int before = problems.count();
        int value = integerValue(map.get(key), path(key), min, max, 0);
        return problems.count() == before ? Optional.of(value) : Optional.empty();
    }

    private int integerValue(Object v, String at, long min, long max, int defaultValue) {
        BigDecimal n = v instanceof Boolean ? null : Values.number(v, true);
        if (n == null) {
            problems.add(at, "expected an integer, got " + describe(at, v));
            return defaultValue;
        }
        if (n.compareTo(BigDecimal.valueOf(min)) < 0 || n.compareTo(BigDecimal.valueOf(max)) > 0) {
            boolean unbounded = max == Integer.MAX_VALUE && min != Integer.MIN_VALUE;
            String rule = unbounded && n.compareTo(BigDecimal.valueOf(max)) > 0 ? "must be at most " + max
                    : range(min, max);
            problems.add(at, rule + ", got " + Values.plain(n));
            return defaultValue;
        }
        return n.intValueExact();
    }

    /** A number in {@code [min, max]} (or {@code (min, max]} when {@code minExclusive}); absent gives the default. */
    double decimal(String key, double defaultValue, double min, double max, boolean minExclusive) {
        if (!has(key)) {
            return defaultValue;
        }
        Object v = map.get(key);
        BigDecimal n = v instanceof Boolean ? null : Values.number(v, false);
        if (n == null) {
            problems.add(path(key), "expected a number, got " + describe(path(key), v));
            return defaultValue;
        }
        double d = n.doubleValue();
        boolean below = minExclusive ? d <= min : d < min;
        if (below || d > max) {
            String rule = minExclusive ? "must be more than " + plain(min) + " and at most " + plain(max)
                    : "must be between " + plain(min) + " and " + plain(max);
            problems.add(path(key), rule + ", got " + Values.plain(n));
            return defaultValue;
        }
        return d;
    }

    /**
     * A duration given in seconds, a whole or decimal number, at most a day; zero only when {@code allowZero}.
     * Absent gives the default.
     */
    Duration seconds(String key, Duration defaultValue, boolean allowZero) {
        return seconds(key, defaultValue, allowZero, MAX_SECONDS);
    }

    /** A duration given in seconds, as {@link #seconds(String, Duration, boolean)}, at most {@code maxSeconds}. */
    Duration seconds(String key, Duration defaultValue, boolean allowZero, long maxSeconds) {
        if (!has(key)) {
            return defaultValue;
        }
        Object v = map.get(key);
        BigDecimal n = v instanceof Boolean ? null : Values.number(v, false);
        if (n == null) {
            problems.add(path(key), "expected a number of seconds, got " + describe(path(key), v));
            return defaultValue;
        }
        boolean tooSmall = allowZero ? n.signum() < 0 : n.signum() <= 0;
        if (tooSmall || n.compareTo(BigDecimal.valueOf(maxSeconds)) > 0) {
            String rule = allowZero ? "must be between 0 and " + maxSeconds
                    : "must be more than 0 and at most " + maxSeconds;
            problems.add(path(key), rule + ", got " + Values.plain(n));
            return defaultValue;
        }
        // Below a nanosecond is zero; converting '1e-999999999' digit by digit would take forever.
        Duration d = n.compareTo(ONE_NANOSECOND) < 0 ? Duration.ZERO
                : Duration.ofNanos(n.movePointRight(9).longValue());
        if (!allowZero && d.isZero()) {
            problems.add(path(key), "must be at least 1 nanosecond, got " + Values.plain(n));
            return defaultValue;
        }
        return d;
    }

    /** A boolean: YAML's true or false, or the text {@code true} or {@code false} (as the environment gives it). */
    boolean bool(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Object v = map.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.parseBoolean((String) v);
        }
        problems.add(path(key), "expected true or false, got " + describe(path(key), v));
        return defaultValue;
    }

    /** A list, or empty (with an error) when the value is something else; absent or null gives an empty list. */
    List<Object> list(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        problems.add(path(key), "expected a list, got " + describe(path(key), v));
        return List.of();
    }

    /** A list of strings; absent or null gives empty. */
    List<String> stringList(String key) {
        List<String> out = new ArrayList<>();
        List<Object> items = list(key);
        for (int i = 0; i < items.size(); i++) {
            String at = ConfigPath.index(path(key), i);
            if (items.get(i) instanceof String s) {
                out.add(s);
            } else {
                problems.add(at, "expected a string, got " + describe(at, items.get(i)));
            }
        }
        return out;
    }

    /**
     * A map of strings to strings, in file order; absent or null gives empty. Values that may hold secrets (header
     * values) are never quoted in errors.
     */
    Map<String, String> stringMap(String key, boolean mayHoldSecrets) {
        Map<String, String> out = new LinkedHashMap<>();
        Object v = map.get(key);
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(path(key), "expected a map of strings, got " + describe(path(key), v));
            return out;
        }
        m.forEach((k, value) -> {
            String at = ConfigPath.child(path(key), String.valueOf(k));
            if (value instanceof String s) {
                out.put(String.valueOf(k), s);
            } else {
                String got = mayHoldSecrets ? Values.kind(value) : describe(at, value);
                problems.add(at, "expected a string, got " + got + (value instanceof Number
                        || value instanceof Boolean ? " (quote it to make it a string)" : ""));
            }
        });
        return out;
    }

    /** The value for {@code got ...}: quoted, unless it came from the environment, which may hold a secret. */
    String describe(String at, Object value) {
        return describe(problems, at, value);
    }

    static String describe(Problems problems, String at, Object value) {
        return problems.isFromEnvironment(at) ? Values.kind(value) + " from the environment" : Values.describe(value);
    }

    private static String range(long min, long max) {
        if (min == Integer.MIN_VALUE && max == Integer.MAX_VALUE) {
            return "must be between " + min + " and " + max;
        }
        return max == Integer.MAX_VALUE ? "must be at least " + min : "must be between " + min + " and " + max;
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
