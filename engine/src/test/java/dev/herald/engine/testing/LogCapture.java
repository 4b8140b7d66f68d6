package dev.herald.engine.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures everything logged anywhere while it is open: an appender on the root logger, with Herald's loggers
 * ({@code dev.herald}) at the level given and every other logger at INFO. Closing restores the levels.
 */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root;
    private final Logger herald;
    private final Level rootLevel;
    private final Level heraldLevel;

    private LogCapture(Level heraldLevel) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        this.root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        this.herald = context.getLogger("dev.herald");
        this.rootLevel = root.getLevel();
        this.heraldLevel = herald.getLevel();
        root.setLevel(Level.INFO);
        herald.setLevel(heraldLevel);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
    }

    /** Starts capturing, Herald's loggers at {@code heraldLevel}. */
    public static LogCapture start(Level heraldLevel) {
        return new LogCapture(heraldLevel);
    }

    /** What was logged so far. */
    public List<ILoggingEvent> events() {
        return List.copyOf(appender.list);
    }

    /**
     * Every event as a reader of the log would see it: level, logger, message with its arguments, the key-value
     * pairs and MDC, and the stack trace of its throwable, causes included.
     */
    public List<String> rendered() {
        return events().stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage()
                + " " + e.getMDCPropertyMap() + " " + e.getKeyValuePairs()
                + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
        root.setLevel(rootLevel);
        herald.setLevel(heraldLevel);
    }
}
