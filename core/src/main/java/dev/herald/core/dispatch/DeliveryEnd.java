package dev.herald.core.dispatch;

import java.time.Duration;

/**
 * How a delivery ended, as {@link DispatchObserver#deliveryEnded} sees it.
 *
 * @param deliveryId the delivery's id
 * @param eventType the event's type, as sent ({@code tool_success})
 * @param endpointName the endpoint's name (never its URL)
 * @param status how it ended
 * @param attempts the attempts made, on every node
 * @param sinceAccepted from the event's acceptance (in this process, or as the store recorded it for a delivery
 *     taken from there) to the end: the end-to-end latency of a delivered one
 */
public record DeliveryEnd(String deliveryId, String eventType, String endpointName, DeliveryStatus status,
        int attempts, Duration sinceAccepted) {}
