package dev.herald.core.dispatch;

import org.slf4j.MDC;

/**
 * Names the delivery a log line is about in SLF4J's {@link MDC}: {@value #DELIVERY_ID}, {@value #ENDPOINT} (the
 * endpoint's name, never its URL) and {@value #EVENT_TYPE}, set around the log calls about one delivery and put
 * back right after, so that nothing stays on a pooled thread for the next task to inherit:
 *
 * <pre>{@code
 * DeliveryMdc.around(outcome.deliveryId(), outcome.endpointName(), type, () -> LOG.warn("delivery failed"));
 * }</pre>
 */
public final class DeliveryMdc {
    /** The delivery's id, as its {@code webhook-id} header carries it. */
    public static final String DELIVERY_ID = "delivery_id";
    /** The endpoint's name. */
    public static final String ENDPOINT = "endpoint";
    /** The event's type ({@code tool_error}). */
    public static final String EVENT_TYPE = "event_type";

    private DeliveryMdc() {
    }

    /**
     * Runs the log calls with the three keys in the MDC (a null value leaves its key out), then puts back what the
     * thread had before, even when they throw.
     */
    public static void around(String deliveryId, String endpointName, String eventType, Runnable logCalls) {
        String deliveryBefore = MDC.get(DELIVERY_ID);
        String endpointBefore = MDC.get(ENDPOINT);
        String eventTypeBefore = MDC.get(EVENT_TYPE);
        set(DELIVERY_ID, deliveryId);
        set(ENDPOINT, endpointName);
        set(EVENT_TYPE, eventType);
        try {
            logCalls.run();
        } finally {
            set(DELIVERY_ID, deliveryBefore);
            set(ENDPOINT, endpointBefore);
            set(EVENT_TYPE, eventTypeBefore);
        }
    }

    private static void set(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
