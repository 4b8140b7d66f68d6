package dev.herald.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.transport.http.testing.ScriptedNames;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolution yields only allowed addresses, whatever DNS answers. */
class GuardedAddressResolverGroupTest {
    private static final AddressPolicy STRICT = AddressPolicy.allowing(List.of());

    private static Future<List<InetSocketAddress>> resolveAll(AddressResolverGroup<InetSocketAddress> group) {
        return group.getResolver(ImmediateEventExecutor.INSTANCE)
                .resolveAll(InetSocketAddress.createUnresolved("hooks.example.com", 443));
    }

    @Test
    void dropsRefusedAddressesAndKeepsAllowedOnes() {
        try (GuardedAddressResolverGroup group = new GuardedAddressResolverGroup(
                new ScriptedNames().answer("hooks.example.com", "10.0.0.7", "93.184.216.34", "169.254.169.254"),
                STRICT)) {
            Future<List<InetSocketAddress>> f = resolveAll(group);
            assertThat(f.isSuccess()).isTrue();
            assertThat(f.getNow()).extracting(a -> a.getAddress().getHostAddress()).containsExactly("93.184.216.34");
        }
    }

    @Test
    void failsWhenEveryAddressIsRefused() {
        try (GuardedAddressResolverGroup group = new GuardedAddressResolverGroup(
                new ScriptedNames().answer("hooks.example.com", "127.0.0.1", "::1"), STRICT)) {
            Future<List<InetSocketAddress>> f = resolveAll(group);
            assertThat(f.isSuccess()).isFalse();
            assertThat(f.cause()).isInstanceOf(RefusedAddressException.class)
                    .hasMessageContaining("hooks.example.com")
                    .hasMessageContaining("127.0.0.1")
                    .hasMessageContaining("::1")
                    .hasMessageContaining("loopback");
        }
    }

    @Test
    void singleResolutionIsGuardedToo() throws Exception {
        try (GuardedAddressResolverGroup group = new GuardedAddressResolverGroup(
                new ScriptedNames().answer("rebind.example", "192.168.0.10"), STRICT)) {
            Future<InetSocketAddress> f = group.getResolver(ImmediateEventExecutor.INSTANCE)
                    .resolve(InetSocketAddress.createUnresolved("rebind.example", 80));
            assertThat(f.cause()).isInstanceOf(RefusedAddressException.class);
        }
    }
}
