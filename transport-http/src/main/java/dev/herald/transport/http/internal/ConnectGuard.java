package dev.herald.transport.http.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * The last word of the SSRF guard: checks the address a channel is about to connect to, whatever produced it (a
 * resolver, an IP literal that skipped resolution, a cached lookup). Checking here rather than only at
 * resolution is what defeats DNS rebinding: the refused address is the one the socket would really reach.
 */
@ChannelHandler.Sharable
public final class ConnectGuard extends ChannelOutboundHandlerAdapter {
    /** The handler's name in the pipeline. */
    public static final String NAME = "herald.connectGuard";

    private final AddressPolicy policy;

    public ConnectGuard(AddressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remoteAddress, SocketAddress localAddress,
            ChannelPromise promise) {
        String refusal = refusal(remoteAddress);
        if (refusal != null) {
            promise.tryFailure(new RefusedAddressException(refusal));
            return;
        }
        ctx.connect(remoteAddress, localAddress, promise);
    }

    private String refusal(SocketAddress remoteAddress) {
        if (!(remoteAddress instanceof InetSocketAddress isa)) {
            return "refused to connect to " + remoteAddress + ": not an internet address";
        }
        InetAddress address = isa.getAddress();
        if (address == null) {
            return "refused to connect to " + isa.getHostString() + ": the host name was not resolved";
        }
        Optional<String> why = policy.refusal(address);
        return why.map(reason -> "refused to connect to " + AddressPolicy.describe(address) + ": " + reason
                + " is not a public address; list it in allowed_networks to reach it").orElse(null);
    }
}
