package dev.herald.core.dispatch;

import dev.herald.core.event.Event;
import java.time.Instant;

/**
 * The final outcome of one delivery of one event to one endpoint.
 *
 * @param deliveryId the delivery's id, the same as every attempt's
 * @param event the event
 * @param endpointName the endpoint
 * @param status how it ended
 * @param attempts attempts made
 * @param lastStatusCode the last HTTP status, or 0 when none came
 * @param lastError the last error, or null; never holds a secret
 * @param finishedAt when it ended
 */
public record DeliveryOutcome(String deliveryId, Event event, String endpointName, DeliveryStatus status,
        int attempts, int lastStatusCode, String lastError, Instant finishedAt) {}
