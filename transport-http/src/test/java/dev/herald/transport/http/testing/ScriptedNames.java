package dev.herald.transport.http.testing;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A DNS stand-in for tests: each host name answers from a script (the n-th lookup of a name, from 1, gets
 * {@code script.apply(n)}), as an attacker's DNS server could; every lookup is counted; a name without a script
 * fails as unknown, so no test ever queries a real DNS server. Answers must be IP literals.
 */
public final class ScriptedNames extends AddressResolverGroup<InetSocketAddress> {
    private final Map<String, IntFunction<List<String>>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    /** The name always answers with these addresses. */
    public ScriptedNames answer(String host, String... addresses) {
        List<String> fixed = List.of(addresses);
        return script(host, n -> fixed);
    }

    /** The name's n-th lookup answers {@code script.apply(n)}. */
    public ScriptedNames script(String host, IntFunction<List<String>> script) {
        scripts.put(host, script);
        return this;
    }

    /** Lookups of the name so far. */
    public int lookups(String host) {
        AtomicInteger n = lookups.get(host);
        return n == null ? 0 : n.get();
    }

    /** Lookups of any name so far. */
    public int lookups() {
        return lookups.values().stream().mapToInt(AtomicInteger::get).sum();
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
                    throws UnknownHostException {
                promise.setSuccess(lookUp(unresolved).get(0));
            }

            @Override
            protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise)
                    throws UnknownHostException {
                promise.setSuccess(lookUp(unresolved));
            }
        };
    }

    private List<InetSocketAddress> lookUp(InetSocketAddress unresolved) throws UnknownHostException {
        String host = unresolved.getHostString();
        int n = lookups.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        IntFunction<List<String>> script = scripts.get(host);
        if (script == null) {
            throw new UnknownHostException(host + ": no such name in the test's table");
        }
        List<InetSocketAddress> answers = new ArrayList<>();
        for (String a : script.apply(n)) {
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(a);
            if (bytes == null) {
                throw new IllegalArgumentException("not an IP literal: " + a);
            }
            answers.add(new InetSocketAddress(InetAddress.getByAddress(host, bytes), unresolved.getPort()));
        }
        return answers;
    }
}
