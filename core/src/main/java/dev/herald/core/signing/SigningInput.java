package dev.herald.core.signing;

import java.time.Instant;

/**
 * What a signature covers.
 *
 * @param body the exact bytes that will be sent; never modified
 * @param deliveryId the delivery's id, the same on every attempt
 * @param timestamp this attempt's time
 */
public record SigningInput(byte[] body, String deliveryId, Instant timestamp) {}
