package dev.herald.transport.http;

import java.time.Duration;

/**
 * Hears every wait an attempt makes for its endpoint's {@link RateLimit}, for metrics and tests; register it with
 * {@link HttpTransport#addRateLimitListener}. It is called once per attempt that must wait, when its slot is
 * reserved and before the wait begins, on the thread that reserved it (the one that sent the request, or the one
 * that let a waiting request through), outside the gate's lock. It must be quick and must not block; an exception
 * it throws is logged and otherwise ignored.
 *
 * <p>An attempt that may start at once is not reported, nor is one refused because no slot comes before its
 * deadline (it fails as {@code OVERLOADED} without waiting), nor the time an attempt waits for an open circuit.
 */
@FunctionalInterface
public interface RateLimitListener {
    /**
     * An attempt to the named endpoint waits {@code wait} for its rate-limit slot. The attempt starts when the slot
     * comes (a timer tick late at most), unless its caller gives up or the transport closes first.
     */
    void onWait(String endpointName, Duration wait);
}
