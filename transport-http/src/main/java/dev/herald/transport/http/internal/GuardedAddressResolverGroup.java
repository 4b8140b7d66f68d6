package dev.herald.transport.http.internal;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Wraps a resolver group so that resolution only ever yields addresses the {@link AddressPolicy} allows. A host
 * name with both allowed and refused addresses connects to an allowed one; a name with only refused addresses
 * fails with a {@link RefusedAddressException}. Closing this group closes the wrapped one.
 */
public final class GuardedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {
    private final AddressResolverGroup<InetSocketAddress> delegate;
    private final AddressPolicy policy;

    public GuardedAddressResolverGroup(AddressResolverGroup<InetSocketAddress> delegate, AddressPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new GuardedResolver(executor, delegate.getResolver(executor), policy);
    }

    @Override
    public void close() {
        super.close();
        delegate.close();
    }

    private static final class GuardedResolver implements AddressResolver<InetSocketAddress> {
        private final EventExecutor executor;
        private final AddressResolver<InetSocketAddress> delegate;
        private final AddressPolicy policy;

        GuardedResolver(EventExecutor executor, AddressResolver<InetSocketAddress> delegate, AddressPolicy policy) {
            this.executor = executor;
            this.delegate = delegate;
            this.policy = policy;
        }

        @Override
        public boolean isSupported(SocketAddress address) {
            return delegate.isSupported(address);
        }

        @Override
        public boolean isResolved(SocketAddress address) {
            return delegate.isResolved(address);
        }

        @Override
        public Future<InetSocketAddress> resolve(SocketAddress address) {
            return resolve(address, executor.newPromise());
        }

        @Override
        public Future<InetSocketAddress> resolve(SocketAddress address, Promise<InetSocketAddress> promise) {
            resolveAll(address).addListener(f -> {
                if (f.isSuccess()) {
                    @SuppressWarnings("unchecked")
                    List<InetSocketAddress> all = (List<InetSocketAddress>) f.getNow();
                    promise.trySuccess(all.get(0));
                } else {
                    promise.tryFailure(f.cause());
                }
            });
            return promise;
        }

        @Override
        public Future<List<InetSocketAddress>> resolveAll(SocketAddress address) {
            return resolveAll(address, executor.newPromise());
        }

        @Override
        public Future<List<InetSocketAddress>> resolveAll(SocketAddress address,
                Promise<List<InetSocketAddress>> promise) {
            delegate.resolveAll(address).addListener(f -> {
                if (!f.isSuccess()) {
                    promise.tryFailure(f.cause());
                    return;
                }
                @SuppressWarnings("unchecked")
                List<InetSocketAddress> resolved = (List<InetSocketAddress>) f.getNow();
                List<InetSocketAddress> allowed = new ArrayList<>(resolved.size());
                List<String> refused = new ArrayList<>();
                for (InetSocketAddress a : resolved) {
                    Optional<String> why = a.getAddress() == null ? Optional.of("not resolved")
                            : policy.refusal(a.getAddress());
                    if (why.isEmpty()) {
                        allowed.add(a);
                    } else {
                        refused.add((a.getAddress() == null ? a.getHostString()
                                : AddressPolicy.describe(a.getAddress())) + " is " + why.get());
                    }
                }
                if (allowed.isEmpty()) {
                    promise.tryFailure(new RefusedAddressException("refused to connect to " + hostOf(address)
                            + ": it resolves only to addresses that are not public (" + String.join("; ", refused)
                            + "); list them in allowed_networks to reach them"));
                } else {
                    promise.trySuccess(allowed);
                }
            });
            return promise;
        }

        private static String hostOf(SocketAddress address) {
            return address instanceof InetSocketAddress isa ? isa.getHostString() : String.valueOf(address);
        }

        @Override
        public void close() {
            // The wrapped group owns the wrapped resolvers and closes them.
        }
    }
}
