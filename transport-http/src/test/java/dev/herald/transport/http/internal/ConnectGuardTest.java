package dev.herald.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connect-time check refuses whatever address reaches the socket, resolved or not. */
class ConnectGuardTest {

    private static ChannelFuture connect(AddressPolicy policy, InetSocketAddress to) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addFirst(ConnectGuard.NAME, new ConnectGuard(policy));
        ChannelFuture f = channel.connect(to);
        channel.runPendingTasks();
        return f;
    }

    @Test
    void refusesAPrivateAddressAtConnect() {
        ChannelFuture f = connect(AddressPolicy.allowing(List.of()), new InetSocketAddress("10.0.0.1", 80));
        assertThat(f.isSuccess()).isFalse();
        assertThat(f.cause()).isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("10.0.0.1").hasMessageContaining("private");
    }

    @Test
    void refusesAnUnresolvedAddress() {
        ChannelFuture f = connect(AddressPolicy.allowing(List.of()),
                InetSocketAddress.createUnresolved("example.com", 80));
        assertThat(f.cause()).isInstanceOf(RefusedAddressException.class).hasMessageContaining("not resolved");
    }

    @Test
    void letsAnAllowedAddressThrough() {
        ChannelFuture f = connect(AddressPolicy.allowing(List.of(CidrRange.parse("127.0.0.0/8"))),
                new InetSocketAddress("127.0.0.1", 80));
        assertThat(f.isSuccess()).isTrue();
    }
}
