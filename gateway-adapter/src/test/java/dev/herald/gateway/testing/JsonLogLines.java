package dev.herald.gateway.testing;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;

/**
 * Log events as {@code herald serve --log-format json} writes them: through the encoder that the command's own
 * {@code herald-logback.xml} configures for the json format, read from that file.
 */
public final class JsonLogLines {
    private final Encoder<ILoggingEvent> encoder;

    private JsonLogLines(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** The json format's encoder, from {@code herald-logback.xml} in a logger context of its own. */
    public static JsonLogLines fromTheCommandsConfig() {
        LoggerContext context = new LoggerContext();
        context.putProperty("herald.log.format", "json");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(JsonLogLines.class.getResource("/herald-logback.xml"));
        } catch (JoranException e) {
            throw new IllegalStateException(e);
        }
        var appender = (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("STDERR");
        return new JsonLogLines(appender.getEncoder());
    }

    /** The event's line, with its line break. */
    public String render(ILoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
