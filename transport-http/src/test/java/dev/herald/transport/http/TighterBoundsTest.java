package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.TestReceiver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

/**
 * Every exchange has one deadline, the request's timeout; {@code read_timeout} and {@code write_timeout} end it
 * sooner when they are tighter than that deadline.
 */
@ExtendWith(NoLeaks.class)
class TighterBoundsTest {
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(30);

    private static TransportException failure(HttpTransport transport, OutboundRequest request) {
        Throwable t = catchThrowable(() -> transport.send(request).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertThat(t).as("the exchange should have ended well before the 30 s deadline")
                .isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(TransportException.class);
        return (TransportException) t.getCause();
    }

    @Test
    void aReadTimeoutTighterThanTheDeadlineEndsASilentExchange() {
        try (HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                .allowNetwork("127.0.0.0/8")
                .readTimeout(Duration.ofMillis(300))
                .build());
                TestReceiver receiver = TestReceiver.start((req, res) -> Mono.never())) {
            TransportException e = failure(transport, Requests.post("silent", receiver.url("/"), LONG_TIMEOUT));

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.retryable()).isTrue();
        }
    }

    @Test
    void aWriteTimeoutTighterThanTheDeadlineEndsAnExchangeTheReceiverDoesNotRead() throws IOException {
        // A receiver that accepts and never reads: once the socket buffers are full, the write stalls.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                HttpTransport transport = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8")
                        .maxRequestBodyBytes(64 * 1024 * 1024)
                        .writeTimeout(Duration.ofMillis(300))
                        .build())) {
            server.setReceiveBufferSize(4096);
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            byte[] body = new byte[32 * 1024 * 1024];
            OutboundRequest request = new OutboundRequest("stalled",
                    URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"), Map.of(), body, LONG_TIMEOUT,
                    "msg_1", 1);

            TransportException e = failure(transport, request);

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            accepted.join().close();
        }
    }
}
