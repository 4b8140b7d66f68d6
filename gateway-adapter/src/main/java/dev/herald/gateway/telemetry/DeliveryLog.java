package dev.herald.gateway.telemetry;

import dev.herald.core.dispatch.DeliveryListener;
import dev.herald.core.dispatch.DeliveryMdc;
import dev.herald.core.dispatch.DeliveryOutcome;
import dev.herald.core.dispatch.DeliveryStatus;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per delivery as it ends, with the delivery's id, endpoint and event type in the MDC
 * ({@link DeliveryMdc}): at INFO when it was delivered or cancelled, at WARN when it failed (rejected, gone,
 * exhausted, failed to prepare). The line names the outcome, the attempts and the last status or error, never
 * the endpoint's URL or a header.
 */
public final class DeliveryLog implements DeliveryListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLog.class);

    @Override
    public void onOutcome(DeliveryOutcome o) {
        boolean failed = o.status() != DeliveryStatus.DELIVERED && o.status() != DeliveryStatus.CANCELLED;
        if (failed ? !LOG.isWarnEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        String outcome = o.status().name().toLowerCase(Locale.ROOT);
        String attempts = o.attempts() + (o.attempts() == 1 ? " attempt" : " attempts");
        String last = o.lastStatusCode() != 0 ? ", last status " + o.lastStatusCode()
                : o.lastError() != null ? ", last error: " + o.lastError() : "";
        DeliveryMdc.around(o.deliveryId(), o.endpointName(), o.event().type().name(), () -> {
            if (failed) {
                LOG.warn("delivery {}: {}{}", outcome, attempts, last);
            } else {
                LOG.info("delivery {}: {}{}", outcome, attempts, last);
            }
        });
    }
}
