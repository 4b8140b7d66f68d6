package dev.herald.transport.http.internal;

import io.netty.handler.ssl.NotSslRecordException;
import javax.net.ssl.SSLException;

/**
 * A TLS connection whose server answered in something else, usually plain HTTP: what netty's own exception says
 * without the answer it quotes in hex, nor a stack trace, since the place in netty where it was found tells a reader
 * nothing.
 */
public final class PlainAnswerException extends SSLException {
    private static final long serialVersionUID = 1L;

    private static final int FIRST_BYTES = 8;

    private final boolean plainHttp;

    /**
     * Netty's exception, judged by the first bytes of the answer that its message gives in hex: text (an HTTP status
     * line, or the bare HTML page a server sends to what it takes for an HTTP/0.9 request) is plain HTTP, since a
     * TLS record begins with a content type byte below 0x20.
     */
    static PlainAnswerException from(NotSslRecordException e) {
        String message = String.valueOf(e.getMessage());
        int at = message.lastIndexOf(": ");
        String hex = at < 0 ? "" : message.substring(at + 2);
        int bytes = Math.min(hex.length() / 2, FIRST_BYTES);
        boolean text = bytes > 0;
        for (int i = 0; i < bytes && text; i++) {
            int b = Character.digit(hex.charAt(2 * i), 16) * 16 + Character.digit(hex.charAt(2 * i + 1), 16);
            text = b >= 0x20 && b < 0x7f || b == '\r' || b == '\n' || b == '\t';
        }
        return new PlainAnswerException(text);
    }

    PlainAnswerException(boolean plainHttp) {
        super(plainHttp ? "the server answered plain HTTP, not TLS" : "the server did not answer in TLS");
        this.plainHttp = plainHttp;
    }

    /** Whether the answer began as text, as a plain HTTP server's does. */
    public boolean plainHttp() {
        return plainHttp;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
