package dev.herald.transport.http.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;

/**
 * Replaces netty's {@link NotSslRecordException}, whose message is the server's answer in hex (a kilobyte and more
 * of an HTML error page), with a {@link PlainAnswerException} before it reaches reactor-netty, which logs every
 * error a connection observes with its stack trace. Netty raises it twice on one connection (the handshake, then
 * the decoder), so only the first goes on: the connection is closing by then.
 */
public final class PlainAnswerGuard extends ChannelInboundHandlerAdapter {
    /** The handler's name in the pipeline. */
    public static final String NAME = "herald.plainAnswerGuard";
    private static final int MAX_DEPTH = 12;

    private boolean reported;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        NotSslRecordException notTls = find(cause);
        if (notTls == null) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (!reported) {
            reported = true;
            ctx.fireExceptionCaught(PlainAnswerException.from(notTls));
        }
        ctx.close();
    }

    private static NotSslRecordException find(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth++ < MAX_DEPTH; t = t.getCause()) {
            if (t instanceof NotSslRecordException n) {
                return n;
            }
        }
        return null;
    }
}
