package dev.herald.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolution yields only allowed addresses, whatever DNS answers. */
class GuardedAddressResolverGroupTest {
    private static final AddressPolicy STRICT = AddressPolicy.allowing(List.of());

    /** A DNS stand-in that answers every name with fixed addresses, like a rebinding attacker would. */
    private static final class FixedAnswers extends AddressResolverGroup<InetSocketAddress> {
        private final List<String> answers;

        FixedAnswers(String... answers) {
            this.answers = List.of(answers);
        }

        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new AbstractAddressResolver<InetSocketAddress>(executor, InetSocketAddress.class) {
                @Override
                protected boolean doIsResolved(InetSocketAddress address) {
                    return !address.isUnresolved();
                }

                @Override
                protected void doResolve(InetSocketAddress unresolved, Promise<InetSocketAddress> promise)
                        throws Exception {
                    promise.setSuccess(new InetSocketAddress(InetAddress.getByName(answers.get(0)),
                            unresolved.getPort()));
                }

                @Override
                protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise)
                        throws UnknownHostException {
                    List<InetSocketAddress> all = new ArrayList<>();
                    for (String a : answers) {
                        all.add(new InetSocketAddress(InetAddress.getByName(a), unresolved.getPort()));
                    }
                    promise.setSuccess(all);
                }
            };
        }
    }

    private static Future<List<InetSocketAddress>> resolveAll(AddressResolverGroup<InetSocketAddress> group) {
        return group.getResolver(ImmediateEventExecutor.INSTANCE)
                .resolveAll(InetSocketAddress.createUnresolved("hooks.example.com", 443));
    }

    @Test
    void dropsRefusedAddressesAndKeepsAllowedOnes() {
        try (GuardedAddressResolverGroup group = new GuardedAddressResolverGroup(
                new FixedAnswers("10.0.0.7", "93.184.216.34", "169.254.169.254"), STRICT)) {
            Future<List<InetSocketAddress>> f = resolveAll(group);
            assertThat(f.isSuccess()).isTrue();
            assertThat(f.getNow()).extracting(a -> a.getAddress().getHostAddress()).containsExactly("93.184.216.34");
        }
    }

    @Test
    void failsWhenEveryAddressIsRefused() {
        try (GuardedAddressResolverGroup group = new GuardedAddressResolverGroup(
                new FixedAnswers("127.0.0.1", "::1"), STRICT)) {
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
                new FixedAnswers("192.168.0.10"), STRICT)) {
            Future<InetSocketAddress> f = group.getResolver(ImmediateEventExecutor.INSTANCE)
                    .resolve(InetSocketAddress.createUnresolved("rebind.example", 80));
            assertThat(f.cause()).isInstanceOf(RefusedAddressException.class);
        }
    }
}
