package dev.herald.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {
    private static Kind kindOf(Throwable t) {
        return FailureClassifier.classify(t, "endpoint 'e' (http://h:1)", Duration.ofSeconds(1)).kind();
    }

    @Test
    void mapsNetworkFailuresToTheirKind() {
        assertThat(kindOf(new ConnectException("Connection refused"))).isEqualTo(Kind.CONNECT);
        assertThat(kindOf(new UnknownHostException("nowhere.invalid"))).isEqualTo(Kind.CONNECT);
        assertThat(kindOf(new ConnectTimeoutException("connection timed out"))).isEqualTo(Kind.CONNECT);
        assertThat(kindOf(new DecoderException(new SSLHandshakeException("PKIX")))).isEqualTo(Kind.CONNECT);
        assertThat(kindOf(new TimeoutException())).isEqualTo(Kind.TIMEOUT);
        assertThat(kindOf(ReadTimeoutException.INSTANCE)).isEqualTo(Kind.TIMEOUT);
        assertThat(kindOf(new IOException("Connection reset by peer"))).isEqualTo(Kind.IO);
        assertThat(kindOf(new IllegalStateException("odd"))).isEqualTo(Kind.IO);
    }

    @Test
    void anAnswerThatIsNotTlsIsFinalAndNeverQuotedInHex() {
        String hex = "485454502f312e30203430302042616420726571756573742076657273696f6e0d0a".repeat(20);
        TransportException http = FailureClassifier.classify(
                new DecoderException(new NotSslRecordException("not an SSL/TLS record: " + hex)),
                "endpoint 'e' (https://h:1)", Duration.ofSeconds(1));
        assertThat(http.kind()).isEqualTo(Kind.INVALID);
        assertThat(http.retryable()).isFalse();
        assertThat(http.getMessage()).startsWith("endpoint 'e' (https://h:1): TLS handshake failed: the server"
                + " answered plain HTTP").doesNotContain("4854");

        // Python's http.server answers a TLS hello with a bare HTML page, no status line.
        TransportException html = FailureClassifier.classify(
                new NotSslRecordException("not an SSL/TLS record: 3c21444f43545950452048544d4c3e0a"),
                "endpoint 'e' (https://h:1)", Duration.ofSeconds(1));
        assertThat(html.getMessage()).contains("TLS handshake failed: the server answered plain HTTP");

        TransportException other = FailureClassifier.classify(
                new NotSslRecordException("not an SSL/TLS record: 0000000000ff"),
                "endpoint 'e' (https://h:1)", Duration.ofSeconds(1));
        assertThat(other.kind()).isEqualTo(Kind.INVALID);
        assertThat(other.getMessage()).contains("TLS handshake failed: the server did not answer in TLS");
    }

    @Test
    void aRefusalAnywhereInTheChainIsBlocked() {
        TransportException e = FailureClassifier.classify(
                new IOException("wrapped", new RefusedAddressException("refused to connect to 10.0.0.1: private")),
                "endpoint 'e' (http://h:1)", Duration.ofSeconds(1));
        assertThat(e.kind()).isEqualTo(Kind.BLOCKED);
        assertThat(e.getMessage()).isEqualTo("endpoint 'e' (http://h:1): refused to connect to 10.0.0.1: private");
    }

    @Test
    void anOverallTimeoutNamesTheBound() {
        assertThat(FailureClassifier.classify(new TimeoutException("Did not observe any item"), "endpoint 'e'",
                Duration.ofMillis(1500)).getMessage()).isEqualTo("endpoint 'e': no complete answer within 1500 ms");
    }

    @Test
    void aTlsFailureSaysWhatIsWrongWithTheCertificate() {
        assertThat(message(new SSLHandshakeException("No subject alternative names matching IP address 10.1.1.1")))
                .contains("TLS handshake failed: the server's certificate is not valid for this host")
                .contains("10.1.1.1");
        assertThat(message(handshake(new CertificateExpiredException("NotAfter: Mon Jan 01 2024"))))
                .contains("TLS handshake failed: the server's certificate is outside its validity period");
        assertThat(message(new DecoderException(handshake(new CertPathBuilderException("no path")))))
                .contains("TLS handshake failed: the server's certificate is not trusted");
        assertThat(message(new SSLHandshakeException("Received fatal alert: handshake_failure")))
                .contains("TLS handshake failed: no secure connection could be agreed")
                .contains("handshake_failure");
    }

    private static SSLHandshakeException handshake(Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(cause.getMessage());
        e.initCause(cause);
        return e;
    }

    private static String message(Throwable t) {
        return FailureClassifier.classify(t, "endpoint 'e' (https://h:1)", Duration.ofSeconds(1)).getMessage();
    }
}
