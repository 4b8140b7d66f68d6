package dev.herald.transport.http.internal;

import java.time.Duration;
import java.util.function.Supplier;

/** Validation helpers whose messages start with the config key, so a bad setting is found at once. */
public final class ConfigKeys {
    private ConfigKeys() {}

    /**
     * Builds a nested value and, when it is refused, puts the enclosing key in front of the nested key, so that
     * {@code rate_limit.permits: ...} becomes {@code endpoints.slack.rate_limit.permits: ...}.
     */
    public static <T> T nested(String prefix, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "." + e.getMessage(), e);
        }
    }

    public static Duration requirePositive(Duration value, String key) {
        if (value == null) {
            throw new IllegalArgumentException(key + ": must be set");
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": must be positive, got " + value);
        }
        return value;
    }

    public static int requireAtLeast(int value, int min, String key) {
        if (value < min) {
            throw new IllegalArgumentException(key + ": must be at least " + min + ", got " + value);
        }
        return value;
    }
}
