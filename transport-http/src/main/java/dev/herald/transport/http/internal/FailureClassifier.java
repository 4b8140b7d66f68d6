package dev.herald.transport.http.internal;

import dev.herald.core.transport.TransportException;
import dev.herald.core.transport.TransportException.Kind;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns what netty and reactor-netty throw into a {@link TransportException} whose kind tells the retry policy
 * what happened. The whole cause chain is searched, because libraries wrap each other's exceptions.
 */
public final class FailureClassifier {
    private static final int MAX_DEPTH = 12;

    private FailureClassifier() {}

    /**
     * @param where names the endpoint and its safe URL, for the message
     * @param timeout the request's bound, for the message of a timeout
     */
    public static TransportException classify(Throwable error, String where, Duration timeout) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < MAX_DEPTH; t = t.getCause()) {
            if (t instanceof TransportException te) {
                return te;
            }
            if (t instanceof RefusedAddressException) {
                return new TransportException(Kind.BLOCKED, where + ": " + t.getMessage());
            }
            if (t instanceof PlainAnswerException || t instanceof NotSslRecordException) {
                // Final: the URL names the wrong scheme or port, and no retry changes what that server speaks.
                // Netty's own message is the answer in hex, which no user should have to read.
                return new TransportException(Kind.INVALID, where + ": TLS handshake failed: " + notTls(t));
            }
        }
        // The most telling cause wins: a TLS failure wrapped in a decoder error is a connect failure.
        for (Kind kind : new Kind[] {Kind.CONNECT, Kind.TIMEOUT, Kind.IO}) {
            depth = 0;
            for (Throwable t = error; t != null && depth++ < MAX_DEPTH; t = t.getCause()) {
                if (kindOf(t) == kind) {
                    return new TransportException(kind, where + ": " + describe(kind, t, timeout), error);
                }
            }
        }
        return new TransportException(Kind.IO, where + ": " + brief(error), error);
    }

    private static Kind kindOf(Throwable t) {
        String name = t.getClass().getSimpleName();
        if (t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                || t instanceof PortUnreachableException || t instanceof SSLException
                || name.startsWith("DnsNameResolver") || name.equals("PoolAcquirePendingLimitException")) {
            return Kind.CONNECT;
        }
        if (t instanceof TimeoutException || t instanceof io.netty.handler.timeout.TimeoutException
                || name.equals("PoolAcquireTimeoutException")) {
            return Kind.TIMEOUT;
        }
        if (t instanceof IOException || name.equals("AbortedException") || name.equals("PrematureCloseException")
                || name.endsWith("DecoderException")) {
            return Kind.IO;
        }
        return null;
    }

    private static String describe(Kind kind, Throwable t, Duration timeout) {
        return switch (kind) {
            case TIMEOUT -> t instanceof TimeoutException
                    ? "no complete answer within " + timeout.toMillis() + " ms"
                    : "timed out (" + brief(t) + ")";
            case CONNECT -> t instanceof SSLException
                    ? "TLS handshake failed: " + tlsProblem(t) + " (" + brief(t) + ")"
                    : "could not connect (" + brief(t) + ")";
            default -> "connection broken (" + brief(t) + ")";
        };
    }

    /** What the server answered instead of TLS, judged from the hex of its first bytes in the message. */
    private static String notTls(Throwable t) {
        boolean plainHttp = t instanceof PlainAnswerException p ? p.plainHttp()
                : PlainAnswerException.from((NotSslRecordException) t).plainHttp();
        return plainHttp
                ? "the server answered plain HTTP (is the URL meant to be http://, or the port another one?)"
                : "the server did not answer in TLS (is the URL's port the server's TLS port?)";
    }

    /** What went wrong in words an operator acts on; the JDK's own message follows in parentheses. */
    private static String tlsProblem(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth++ < MAX_DEPTH; c = c.getCause()) {
            String msg = String.valueOf(c.getMessage());
            if (c instanceof CertificateExpiredException || c instanceof CertificateNotYetValidException) {
                return "the server's certificate is outside its validity period";
            }
            if (msg.contains("No subject alternative") || msg.contains("No name matching")) {
                return "the server's certificate is not valid for this host";
            }
            if (c instanceof CertPathBuilderException || msg.contains("PKIX path")) {
                return "the server's certificate is not trusted (self-signed, or from an authority this JVM's"
                        + " trust store does not hold)";
            }
        }
        return "no secure connection could be agreed";
    }

    private static String brief(Throwable t) {
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg);
    }
}
