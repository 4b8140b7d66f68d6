package dev.herald.templates.internal;

import freemarker.core.ArithmeticEngine;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * FreeMarker's exact decimal arithmetic, refusing numbers no JSON receiver wants: a template's {@code ?number} of
 * {@code "1e999999999"} is a valid number whose formatting builds a billion digits, and squaring a number in a
 * loop doubles its digits at every turn, each multiplication one step the render time cap cannot stop.
 */
final class BoundedArithmetic extends ArithmeticEngine.BigDecimalEngine {
    static final BoundedArithmetic INSTANCE = new BoundedArithmetic();

    /** Digits, and places either side of the point: far beyond any real value, far below what costs anything. */
    private static final int MAX_DIGITS = 1000;

    private BoundedArithmetic() {}

    @Override
    public Number toNumber(String s) {
        if (s.length() > MAX_DIGITS) {
            throw new NumberFormatException("a number of more than " + MAX_DIGITS + " characters");
        }
        Number n = super.toNumber(s);
        if (n instanceof BigDecimal d && Math.abs((long) d.scale()) > MAX_DIGITS) {
            throw new NumberFormatException("a number with an exponent beyond " + MAX_DIGITS);
        }
        return n;
    }

    @Override
    public Number multiply(Number first, Number second) {
        if (digits(first) + digits(second) > MAX_DIGITS) {
            throw new ArithmeticException("the product would have more than " + MAX_DIGITS + " digits");
        }
        return super.multiply(first, second);
    }

    private static long digits(Number n) {
        if (n instanceof BigDecimal d) {
            return d.precision() + Math.abs((long) d.scale());
        }
        if (n instanceof BigInteger b) {
            return b.bitLength() / 3 + 1;
        }
        // A long or a double: at most 20 digits, or a double's 17 significant ones and its exponent.
        return 20;
    }
}
