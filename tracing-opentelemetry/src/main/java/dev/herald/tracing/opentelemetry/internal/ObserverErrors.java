package dev.herald.tracing.opentelemetry.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the tracing observer does with a failure of the tracer it was given: logs it and goes on, so that tracing
 * never changes a delivery. The first is a warning; the others, which would come with every event, are logged at
 * debug level.
 */
final class ObserverErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ObserverErrors.class);
    private final AtomicBoolean warned = new AtomicBoolean();

    void failed(String on, RuntimeException e) {
        if (warned.compareAndSet(false, true)) {
            LOG.warn("tracing failed on {} (later failures are logged at debug level)", on, e);
        } else {
            LOG.debug("tracing failed on {}", on, e);
        }
    }
}
