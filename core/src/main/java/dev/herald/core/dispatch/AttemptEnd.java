package dev.herald.core.dispatch;

import dev.herald.core.retry.OutcomeClass;
import java.time.Duration;

/**
 * How an attempt ended.
 *
 * @param statusCode the HTTP status, or 0 when no answer came
 * @param errorType why no answer came, as a short stable name for metrics and traces: the transport's
 *     {@link dev.herald.core.transport.TransportException.Kind} in lower case ({@code connect}, {@code timeout},
 *     {@code io}, {@code overloaded}, {@code blocked}, {@code invalid}), or the failure's class name for anything
 *     else; null when an answer came, whatever its status
 * @param duration how long the exchange took, timed on the thread that completed it
 * @param outcome what the answer means
 * @param retryDelay how long until the next attempt is due (in memory, or in the store that keeps the retry); null
 *     when there is none
 * @param finalStatus how the delivery ended with this attempt; null when it goes on
 */
public record AttemptEnd(int statusCode, String errorType, Duration duration, OutcomeClass outcome,
        Duration retryDelay, DeliveryStatus finalStatus) {}
