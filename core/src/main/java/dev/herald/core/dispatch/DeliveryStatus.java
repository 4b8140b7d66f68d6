package dev.herald.core.dispatch;

/** How a delivery ended. */
public enum DeliveryStatus {
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** The endpoint answered with a final status (4xx other than the retryable ones, 3xx), or was blocked. */
    REJECTED,
    /** The endpoint answered 410: it is gone and has been disabled. */
    GONE,
    /** Every attempt the retry policy allows failed. */
    EXHAUSTED,
    /** The template could not render this event, or the signer failed. */
    FAILED_TO_PREPARE,
    /** Not delivered when the dispatcher closed. */
    CANCELLED;

    /** Whether the receiver got it. */
    public boolean delivered() {
        return this == DELIVERED;
    }
}
