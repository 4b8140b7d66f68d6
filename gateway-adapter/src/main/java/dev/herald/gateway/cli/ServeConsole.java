package dev.herald.gateway.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Where {@code serve}'s own lines go (its settings' errors, where it listens, its stop report): as text on stderr,
 * each {@code serve: ...}; or, with {@code --log-format json}, as events of the {@value #LOGGER} logger, so that
 * every line on stderr is one JSON object.
 */
final class ServeConsole {
    static final String LOGGER = "herald.serve";
    private static final String PREFIX = "serve: ";

    private final PrintStream err;
    private final Logger log;

    private ServeConsole(PrintStream err, Logger log) {
        this.err = err;
        this.log = log;
    }

    static ServeConsole of(LogFormat format, PrintStream err) {
        return format == LogFormat.JSON ? new ServeConsole(null, LoggerFactory.getLogger(LOGGER))
                : new ServeConsole(err, null);
    }

    void info(String line) {
        say(Level.INFO, line);
    }

    void warn(String line) {
        say(Level.WARN, line);
    }

    void error(String line) {
        say(Level.ERROR, line);
    }

    private void say(Level level, String line) {
        if (log == null) {
            err.println(PREFIX + line);
        } else {
            log.atLevel(level).log(line);
        }
    }

    /** A stream for what prints whole reports: each line it is given is said at INFO. */
    PrintStream lines() {
        return log == null ? err : new PrintStream(new LineSplitter(), true, StandardCharsets.UTF_8);
    }

    /** Says each line written to it once its end comes; what comes without one is said at close. */
    private final class LineSplitter extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void close() {
            if (line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
            line.reset();
            info(text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text);
        }
    }
}
