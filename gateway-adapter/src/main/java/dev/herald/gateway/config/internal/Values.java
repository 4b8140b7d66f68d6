package dev.herald.gateway.config.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Conversions of parsed YAML values, and their description in error messages. */
final class Values {
    private static final int MAX_ECHOED = 64;
    /** Jackson's own bound on a number's text; a longer string of digits is no setting, and costly to convert. */
    private static final int MAX_NUMBER_TEXT = 1000;
    /** Beyond this many digits or places a number is written in scientific notation, not digit by digit. */
    private static final int MAX_PLAIN_DIGITS = 24;
    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private Values() {}

    /**
     * The value as a number: a YAML number, or a string holding one. Strings count because an environment reference
     * always gives a string, and {@code retry_attempts: "{{ env.RETRIES }}"} must work; the seed's pydantic model
     * accepts numeric strings too.
     */
    static BigDecimal number(Object value, boolean integerOnly) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            BigDecimal decimal = BigDecimal.valueOf(d);
            return integerOnly && !isIntegral(decimal) ? null : decimal;
        }
        if (value instanceof BigDecimal decimal) {
            return integerOnly && !isIntegral(decimal) ? null : decimal;
        }
        if (value instanceof String s && s.length() <= MAX_NUMBER_TEXT) {
            String text = s.strip();
            if (INTEGER_TEXT.matcher(text).matches()) {
                return new BigDecimal(text);
            }
            if (!integerOnly && DECIMAL_TEXT.matcher(text).matches()) {
                return new BigDecimal(text);
            }
        }
        return null;
    }

    private static boolean isIntegral(BigDecimal d) {
        return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
    }

    /** The value as it appears in {@code got ...}: quoted text, a number, or what kind of value it is. */
    static String describe(Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof BigDecimal d) {
            return plain(d);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return kind(value);
    }

    /**
     * A number for a message: as written when it is short, else rounded in scientific notation. {@code '1e999999999'}
     * is a valid number whose plain form has a billion digits.
     */
    static String plain(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.precision() <= MAX_PLAIN_DIGITS && Math.abs((long) stripped.scale()) <= MAX_PLAIN_DIGITS) {
            return d.toPlainString();
        }
        return stripped.round(new MathContext(MAX_PLAIN_DIGITS)).toString();
    }

    /** What kind of value it is, without showing it: for secrets and values from the environment. */
    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        return "a " + value.getClass().getSimpleName();
    }

    /** Text between single quotes, printable and cut to a readable length. */
    static String quote(String text) {
        return "'" + printable(text) + "'";
    }

    /** Control characters escaped, so that a hostile file cannot forge log lines through an error message. */
    static String printable(String text) {
        return escape(text, MAX_ECHOED);
    }

    /** Control characters escaped, cut after {@code max} characters. */
    static String escape(String text, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}
