package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.TestReceiver;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * An {@code https} URL at a server that speaks plain HTTP: the answer is not TLS, so no attempt can ever succeed.
 * It is a final failure that says so in a line, not a retried I/O error quoting the answer in hex.
 */
@ExtendWith(NoLeaks.class)
class PlainHttpBehindHttpsTest {
    @Test
    void anHttpsUrlAtAPlainHttpServerIsAFinalFailureSaidInOneShortLine() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        // As a library user's logging would have it: this module's tests quieten the client's warnings.
        Logger client = (Logger) LoggerFactory.getLogger("reactor.netty.http.client.HttpClientConnect");
        Level clientLevel = client.getLevel();
        client.setLevel(Level.WARN);
        try (TestReceiver plain = TestReceiver.start((req, res) -> res.status(200).sendString(Mono.just("ok")));
                HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8").endpointNames("ops", "verified")
                        .endpoint("ops", p -> p.tlsInsecure(true)).build())) {
            for (String endpoint : new String[] {"ops", "verified"}) {
                URI url = URI.create("https://127.0.0.1:" + plain.port() + "/hook?token=abc");
                Throwable t = catchThrowable(() -> transport.send(Requests.post(endpoint, url)).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));

                assertThat(t).isInstanceOf(ExecutionException.class);
                TransportException e = (TransportException) t.getCause();
                assertThat(e.retryable()).as(e.getMessage()).isFalse();
                assertThat(e.kind()).isEqualTo(Kind.INVALID);
                assertThat(e.getMessage()).contains("endpoint '" + endpoint + "'")
                        .contains("TLS handshake failed: the server answered plain HTTP")
                        .doesNotContain("/hook", "token", "485454502f") // "HTTP/" in hex
                        .hasSizeLessThan(300);
            }
            assertThat(plain.received()).isEmpty();
        } finally {
            root.detachAppender(log);
            client.setLevel(clientLevel);
        }
        // The client still says it saw an error, in one line: neither the answer in hex nor a stack trace.
        List<String> clientLog = log.list.stream().filter(e -> e.getLoggerName().equals(client.getName()))
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                        : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        assertThat(clientLog).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain("485454502f", "\tat ", "/hook", "token").hasSizeLessThan(300));
    }
}
