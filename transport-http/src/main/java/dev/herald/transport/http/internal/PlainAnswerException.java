package dev.herald.transport.http.internal;

import javax.net.ssl.SSLException;

/**
 * A TLS connection whose server answered in something else, usually plain HTTP: what netty's own exception says
 * without the answer it quotes in hex, nor a stack trace, since the place in netty where it was found tells a reader
 * nothing.
 */
public final class PlainAnswerException extends SSLException {
    private static final long serialVersionUID = 1L;

    private final boolean plainHttp;

    PlainAnswerException(boolean plainHttp) {
        super(plainHttp ? "the server answered plain HTTP, not TLS" : "the server did not answer in TLS");
        this.plainHttp = plainHttp;
    }

    /** Whether the answer began as an HTTP response does. */
    public boolean plainHttp() {
        return plainHttp;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
