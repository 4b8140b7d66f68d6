package dev.herald.core.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One attempt of one delivery, ready to go: the endpoint's URL, every header (signature included) and the exact
 * body bytes that were signed, and the instant by which the attempt must be over.
 *
 * <p>The body is shared between the endpoints that use the same template and between attempts, so neither the
 * transport nor anyone else may modify the array.
 *
 * <p>The deadline is absolute, so that whatever the transport waits for before it sends (an open circuit, a rate
 * limit) counts against the endpoint's timeout instead of adding to it: an attempt never outlives its start plus
 * its timeout, which is what a durable store's lease relies on.
 *
 * @param endpointName the endpoint's name, for per-endpoint protection and logs
 * @param url where to POST
 * @param headers the headers to send, in order; names are unique
 * @param body the exact bytes to send, never modified
 * @param timeout the endpoint's bound on the whole attempt, from its start
 * @param deadlineNanos when the attempt must be over, on {@link System#nanoTime()}'s scale: its start plus
 *     {@code timeout}; compare with {@code deadlineNanos - System.nanoTime() > 0}, never with {@code <} on the raw
 *     values, since the scale may wrap
 * @param deliveryId the delivery's id, the same on every attempt
 * @param attempt this attempt's number, from 1
 */
public record OutboundRequest(String endpointName, URI url, Map<String, String> headers, byte[] body,
        Duration timeout, long deadlineNanos, String deliveryId, int attempt) {

    /** How far off a deadline is for a request without a timeout: in effect none (about 73 years). */
    private static final long NO_DEADLINE_NANOS = Long.MAX_VALUE / 4;

    /** An attempt that starts now: its deadline is now plus {@code timeout}. */
    public OutboundRequest(String endpointName, URI url, Map<String, String> headers, byte[] body,
            Duration timeout, String deliveryId, int attempt) {
        this(endpointName, url, headers, body, timeout, deadlineFrom(System.nanoTime(), timeout), deliveryId,
                attempt);
    }

    /**
     * The deadline of an attempt that started at {@code startNanos} ({@link System#nanoTime()}) with the given
     * timeout. A null, zero or negative timeout sets no deadline of the request's own: the transport's bound
     * applies.
     */
    public static long deadlineFrom(long startNanos, Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            return startNanos + NO_DEADLINE_NANOS;
        }
        return startNanos + Math.min(timeout.toNanos(), NO_DEADLINE_NANOS);
    }

    /** How long is left before the deadline at {@code nowNanos} ({@link System#nanoTime()}); negative once past. */
    public long remainingNanos(long nowNanos) {
        return deadlineNanos - nowNanos;
    }

    @Override
    public String toString() {
        // Headers may carry credentials; never print them.
        return "OutboundRequest[" + endpointName + " " + deliveryId + " attempt " + attempt + ", " + body.length
                + " bytes]";
    }
}
