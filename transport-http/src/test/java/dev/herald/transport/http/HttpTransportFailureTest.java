package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.TestReceiver;
import io.netty.channel.ChannelOption;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

/** Requests that get no answer end with a TransportException of the right kind. */
@ExtendWith(NoLeaks.class)
class HttpTransportFailureTest {
    private static HttpTransport transport;

    @BeforeAll
    static void start() {
        transport = new HttpTransport(HttpTransportConfig.builder()
                .allowNetwork("127.0.0.0/8")
                .maxRequestBodyBytes(1024)
                .build());
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    private static TransportException failure(OutboundRequest request) {
        Throwable t = catchThrowable(() -> transport.send(request).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(TransportException.class);
        return (TransportException) t.getCause();
    }

    @Test
    void aRequestForAnEndpointTheConfigDoesNotServeIsRefusedWithoutBeingSent() {
        try (TestReceiver receiver = TestReceiver.answering(200);
                HttpTransport listed = new HttpTransport(HttpTransportConfig.builder()
                        .allowNetwork("127.0.0.0/8")
                        .endpointNames("slack")
                        .build())) {
            Throwable t = catchThrowable(() -> listed.send(Requests.post("slakc", receiver.url("/hook?token=abc")))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS));

            TransportException e = (TransportException) t.getCause();
            assertThat(e.kind()).isEqualTo(Kind.INVALID);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).startsWith("endpoint 'slakc': not one of the endpoints")
                    .doesNotContain("hook").doesNotContain("token");
            assertThat(receiver.connections()).isZero();
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOut() {
        try (TestReceiver receiver = TestReceiver.start((req, res) -> Mono.never())) {
            long t0 = System.nanoTime();
            TransportException e = failure(Requests.post("silent", receiver.url("/"), Duration.ofSeconds(1)));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.retryable()).isTrue();
            assertThat(millis).isBetween(900L, 5_000L);
        }
    }

    @Test
    void aClosedPortIsAConnectFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        TransportException e = failure(Requests.post("gone", URI.create("http://127.0.0.1:" + port + "/")));
        assertThat(e.kind()).isEqualTo(Kind.CONNECT);
        assertThat(e.getMessage()).contains("endpoint 'gone'").contains("127.0.0.1:" + port);
    }

    @Test
    void aConnectionResetMidResponseIsAnIoFailure() {
        // A raw TCP receiver, because a well-behaved HTTP server will not break its own responses.
        DisposableServer receiver = TcpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((in, out) -> in.receive().take(1).then(
                        out.sendString(Mono.just("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\npartial"))
                                .then()
                                .then(Mono.<Void>fromRunnable(() -> out.withConnection(c -> {
                                    // SO_LINGER 0 turns the close into a reset.
                                    c.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                                    c.channel().close();
                                })))))
                .bindNow();
        try {
            TransportException e = failure(Requests.post("flaky",
                    URI.create("http://127.0.0.1:" + receiver.port() + "/")));
            assertThat(e.kind()).isEqualTo(Kind.IO);
            assertThat(e.retryable()).isTrue();
        } finally {
            receiver.disposeNow();
        }
    }

    @ParameterizedTest
    @CsvSource({"ftp://127.0.0.1/x, ftp", "file:///etc/passwd, file", "gopher://127.0.0.1:70/_x, gopher",
            "ws://127.0.0.1/x, ws", "jar:http://127.0.0.1/a.jar!/b, jar", "mailto:ops@example.com, mailto"})
    void refusesSchemesOtherThanHttp(String url, String scheme) {
        TransportException e = failure(Requests.post("other", URI.create(url)));
        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e.getMessage()).contains("scheme '" + scheme + "' is not http or https");
    }

    @Test
    void refusesABodyOverTheCapWithoutSendingIt() {
        try (TestReceiver receiver = TestReceiver.answering(200)) {
            TransportException e = failure(Requests.post("big", receiver.url("/"), Map.of(), new byte[1025]));
            assertThat(e.kind()).isEqualTo(Kind.INVALID);
            assertThat(e.getMessage()).contains("max_request_body_bytes");
            assertThat(receiver.hits("/")).isZero();
        }
    }

    @Test
    void refusesAHeaderValueThatWouldSplitTheRequest() {
        TransportException e = failure(Requests.post("split", URI.create("http://127.0.0.1:9/"),
                Map.of("X-Evil", "a\r\nX-Injected: 1"), new byte[1]));
        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e.getMessage()).contains("X-Evil").doesNotContain("X-Injected");
    }

    @Test
    void aClosedTransportRefusesNewRequests() {
        HttpTransport closed = new HttpTransport(HttpTransportConfig.defaults());
        closed.close();
        Throwable t = catchThrowable(() -> closed.send(Requests.post("late", URI.create("http://127.0.0.1:9/")))
                .toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertThat(t.getCause()).isInstanceOf(TransportException.class);
        assertThat(((TransportException) t.getCause()).kind()).isEqualTo(Kind.IO);
    }
}
