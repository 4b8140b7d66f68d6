package dev.herald.transport.http.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when netty reported a leaked buffer while it ran. Netty reports a leak only when a leaked
 * buffer has been garbage collected and another buffer is allocated, so the check collects and allocates first.
 * The root pom runs tests with paranoid leak detection, where every buffer is tracked.
 */
public final class NoLeaks implements BeforeAllCallback, AfterAllCallback {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        appender.start();
        leakLogger().addAppender(appender);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            for (int round = 0; round < 3; round++) {
                System.gc();
                for (int i = 0; i < 200; i++) {
                    ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(64);
                    b.release();
                }
            }
            List<String> leaks = appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("LEAK"))
                    .collect(Collectors.toList());
            assertThat(leaks).as("netty leak reports").isEmpty();
        } finally {
            leakLogger().detachAppender(appender);
        }
    }

    private static Logger leakLogger() {
        return (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    }
}
