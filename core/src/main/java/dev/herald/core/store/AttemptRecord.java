package dev.herald.core.store;

import dev.herald.core.retry.OutcomeClass;
import java.time.Duration;
import java.time.Instant;

/**
 * One attempt of one delivery, as the delivery record keeps it.
 *
 * @param deliveryId the delivery
 * @param eventId the event
 * @param endpointName the endpoint
 * @param attempt the attempt's number, from 1
 * @param startedAt when it was sent
 * @param latency how long the answer took
 * @param statusCode the HTTP status, or 0 when none came
 * @param error why no answer came, or null
 * @param outcome what the answer means
 * @param responseBody the start of the response body, capped by the transport
 * @param nextAttemptAt when the next attempt is due, or null when there is none
 */
public record AttemptRecord(String deliveryId, String eventId, String endpointName, int attempt, Instant startedAt,
        Duration latency, int statusCode, String error, OutcomeClass outcome, String responseBody,
        Instant nextAttemptAt) {}
