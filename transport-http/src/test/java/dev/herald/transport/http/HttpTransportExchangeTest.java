package dev.herald.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.transport.OutboundRequest;
import dev.herald.core.transport.TransportResponse;
import dev.herald.transport.http.testing.NoLeaks;
import dev.herald.transport.http.testing.Requests;
import dev.herald.transport.http.testing.TestReceiver;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

/** What goes out and what comes back, against a real receiver on loopback. */
@ExtendWith(NoLeaks.class)
class HttpTransportExchangeTest {
    private static HttpTransport transport;

    @BeforeAll
    static void start() {
        transport = new HttpTransport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build());
    }

    @AfterAll
    static void stop() {
        transport.close();
    }

    private static TransportResponse send(OutboundRequest request) throws Exception {
        return transport.send(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void postsTheExactBodyWithTheHeadersOfTheRequest() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(200)) {
            byte[] body = "{\"user\":\"zoë \\\"q\\\"\",\"n\":1}".getBytes(StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-Signature", "sha256=abc123");
            headers.put("X-Herald-Delivery", "d-42");
            TransportResponse response = send(Requests.post("hook", receiver.url("/hooks/in?tenant=a"), headers,
                    body));

            assertThat(response.status()).isEqualTo(200);
            TestReceiver.Received got = receiver.received().poll(5, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(got.method()).isEqualTo("POST");
            assertThat(got.uri()).isEqualTo("/hooks/in?tenant=a");
            assertThat(got.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(got.headers().get(HttpHeaderNames.USER_AGENT)).startsWith("Herald/")
                    .isEqualTo(HttpTransportConfig.DEFAULT_USER_AGENT);
            assertThat(got.headers().get("X-Signature")).isEqualTo("sha256=abc123");
            assertThat(got.headers().get("X-Herald-Delivery")).isEqualTo("d-42");
            assertThat(got.headers().get(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(String.valueOf(body.length));
            assertThat(got.body()).isEqualTo(body);
        }
    }

    @Test
    void returnsSuccessAnswersWithLowerCaseHeadersAndTheirBody() throws Exception {
        try (TestReceiver receiver = TestReceiver.start((req, res) -> res.status(200)
                .header("X-Receiver-Id", "r-7").sendString(reactor.core.publisher.Mono.just("accepted")))) {
            TransportResponse ok = send(Requests.post("hook", receiver.url("/")));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.headers()).containsEntry("x-receiver-id", "r-7");
            assertThat(ok.bodyText()).isEqualTo("accepted");
            assertThat(ok.bodyTruncated()).isFalse();
            assertThat(ok.retryAfter()).isNull();
        }
        try (TestReceiver receiver = TestReceiver.answering(204)) {
            TransportResponse noContent = send(Requests.post("hook", receiver.url("/")));
            assertThat(noContent.status()).isEqualTo(204);
            assertThat(noContent.body()).isEmpty();
        }
    }

    @Test
    void returnsServerErrorsAsAnswers() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(500)) {
            assertThat(send(Requests.post("errors", receiver.url("/"))).status()).isEqualTo(500);
        }
    }

    @Test
    void readsRetryAfterInSeconds() throws Exception {
        try (TestReceiver receiver = TestReceiver.start((req, res) -> res.status(429)
                .header("Retry-After", "3").send())) {
            TransportResponse r = send(Requests.post("limited", receiver.url("/")));
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void readsRetryAfterAsAnHttpDate() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        try (TestReceiver receiver = TestReceiver.start((req, res) -> res.status(429)
                .header("Retry-After", date).send())) {
            TransportResponse r = send(Requests.post("limited-date", receiver.url("/")));
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.retryAfter()).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
        }
    }

    @Test
    void returnsARedirectWithoutFollowingIt() throws Exception {
        try (TestReceiver receiver = TestReceiver.start((req, res) -> req.uri().startsWith("/target")
                ? res.status(200).send()
                : res.status(302).header("Location", "/target").send())) {
            TransportResponse r = send(Requests.post("moved", receiver.url("/old")));
            assertThat(r.status()).isEqualTo(302);
            assertThat(r.headers()).containsEntry("location", "/target");
            assertThat(receiver.hits("/old")).isEqualTo(1);
            assertThat(receiver.hits("/target")).isZero();
        }
    }

    @Test
    void capsAHugeBodyAndMarksItTruncated() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        int chunks = 80; // 5 MiB
        try (TestReceiver receiver = TestReceiver.start((req, res) -> res.status(200)
                .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(chunk.length * chunks))
                .sendByteArray(Flux.range(0, chunks).map(i -> chunk)))) {
            TransportResponse r = send(Requests.post("chatty", receiver.url("/")));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).hasSize(64 * 1024);
            assertThat(r.bodyTruncated()).isTrue();

            // The connection that carried the rest is gone, and the endpoint still works.
            assertThat(send(Requests.post("chatty", receiver.url("/"))).status()).isEqualTo(200);
        }
    }

    @Test
    void reusesPooledConnectionsAcrossRequests() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(200)) {
            for (int i = 0; i < 20; i++) {
                assertThat(send(Requests.post("pooled", receiver.url("/"))).status()).isEqualTo(200);
            }
            assertThat(receiver.hits("/")).isEqualTo(20);
        }
    }
}
