package dev.herald.core.store;

import java.util.List;

/**
 * A stored delivery with its attempts, as operators list it.
 *
 * @param delivery the delivery
 * @param attemptRecords its attempts, oldest first, each with status, latency and the capped response
 * @param lastError the reason it ended without an attempt, or the last attempt's error; null when none
 */
public record DeliveryRecord(StoredDelivery delivery, List<AttemptRecord> attemptRecords, String lastError) {

    public DeliveryRecord {
        attemptRecords = List.copyOf(attemptRecords);
    }
}
