package dev.herald.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void aDeliveryIdIsAVersion7UuidInHexAfterItsPrefix() {
        String id = EventIds.newDeliveryId();

        assertThat(id).matches("msg_[0-9a-f]{32}");
        String hex = id.substring(4);
        UUID uuid = new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16));
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        long millis = uuid.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis() + 60_000);
    }

    @Test
    void idsOfOneProcessAreUniqueAndSortInTheOrderTheyWereMade() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(EventIds.next("x_"));
        }

        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(ids).isSorted();
    }

    @Test
    void anyPrefixIsKeptAsGiven() {
        assertThat(EventIds.next("événement_")).matches("événement_[0-9a-f]{32}");
        assertThat(EventIds.next("事件_")).matches("事件_[0-9a-f]{32}");
        assertThat(EventIds.next("")).matches("[0-9a-f]{32}");
    }
}
