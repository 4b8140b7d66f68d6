package dev.herald.engine;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.util.Modules;
import dev.herald.auth.SigningModule;
import dev.herald.core.dispatch.CloseReport;
import dev.herald.core.dispatch.Dispatcher;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.store.DeliveryStore;
import dev.herald.engine.internal.PartsToClose;
import dev.herald.engine.internal.RecordPartsBuiltModule;
import dev.herald.store.jdbc.JdbcStoreModule;
import dev.herald.store.jdbc.StoreKinds;
import dev.herald.store.jdbc.StoreKindsModule;
import dev.herald.store.jdbc.StoreSettings;
import dev.herald.templates.FreemarkerTemplatesModule;
import dev.herald.transport.http.HttpTransportModule;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Herald: every module assembled from one {@link HeraldConfig}, and the lifecycle of what it built.
 *
 * <pre>{@code
 * try (Herald herald = Herald.start(config)) {
 *     herald.dispatcher().dispatch(event);
 * }
 * }</pre>
 *
 * <p>Ownership: Herald closes what it created, the store it opened from the config and every closeable part its
 * injector built (the HTTP transport, the system scheduler, a class or provider bound in an override), last built
 * first. An instance bound with {@code toInstance} (a {@code Transport}, a {@code Scheduler}) belongs to whoever
 * bound it, who closes it after Herald. Nothing starts while Guice builds the parts: the dispatcher's store relay
 * starts once everything is built. A start that fails closes what it had built; a close goes on past a part that
 * throws, then reports the failure.
 */
public final class Herald implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Herald.class);

    private final Injector injector;
    private final Dispatcher dispatcher;
    private final Duration closeTimeout;
    private final DeliveryStore store;
    private final PartsToClose parts;
    private boolean closed;

    private Herald(Injector injector, Dispatcher dispatcher, Duration closeTimeout, DeliveryStore store,
            PartsToClose parts) {
        this.injector = injector;
        this.dispatcher = dispatcher;
        this.closeTimeout = closeTimeout;
        this.store = store;
        this.parts = parts;
    }

    /**
     * Assembles Herald's standard modules around an opened store, or none; the store kinds are registered too
     * ({@link StoreKinds}: memory, sqlite, postgres), for whoever opens stores from the injector.
     */
    public static List<Module> modules(HeraldConfig config, DeliveryStore store) {
        return modules(config, () -> store);
    }

    private static List<Module> modules(HeraldConfig config, Supplier<DeliveryStore> store) {
        return List.of(new HeraldModule(config, store), new JdbcStoreModule(),
                new HttpTransportModule(config.transport()), new SigningModule(),
                new FreemarkerTemplatesModule(config.templates()));
    }

    /**
     * Starts Herald from its standard modules; {@code overrides} replace their bindings (a custom transport, a
     * manual scheduler), add listeners and add store kinds ({@link StoreKindsModule#storeKinds}). The config's
     * store is opened by the kind its {@code kind} names; an unknown kind fails the start, naming it and the
     * known kinds. When a step fails, what was built so far is closed before the failure is thrown.
     */
    public static Herald start(HeraldConfig config, Module... overrides) {
        PartsToClose parts = new PartsToClose();
        AtomicReference<DeliveryStore> opened = new AtomicReference<>();
        Dispatcher dispatcher = null;
        try {
            Module assembled = Modules.override(modules(config, opened::get)).with(overrides);
            Injector injector = Guice.createInjector(assembled, new RecordPartsBuiltModule(parts));
            // Opened before the dispatcher and outside any provider: it migrates its schema, and a failure should
            // name the database plainly. Of what is closeable, only what observes stores (metrics) and eager
            // singletons are built before it in this stage (Guice builds lazily), so it is closed after everything
            // the dispatcher uses: the dispatcher's last writes land before the files close.
            StoreKinds kinds = injector.getInstance(StoreKinds.class);
            DeliveryStore store = kinds.open(config.store()).orElse(null);
            if (store != null) {
                parts.add(store);
                opened.set(store);
            }
            dispatcher = injector.getInstance(Dispatcher.class);
            dispatcher.start();
            Herald herald = new Herald(injector, dispatcher, config.closeTimeout(), store, parts);
            if (store != null) {
                LOG.info("deliveries are kept in {}", kinds.describe(config.store()));
            }
            warnOfOverlappingAttempts(config);
            return herald;
        } catch (RuntimeException | Error e) {
            RuntimeException closing = closeAfterFailedStart(dispatcher, parts);
            // A bad config is the user's to fix: show its own message, not Guice's wrapping of it.
            Throwable shown = e;
            if ((e instanceof ProvisionException || e instanceof CreationException)
                    && e.getCause() instanceof IllegalArgumentException bad) {
                shown = bad;
            }
            if (closing != null) {
                shown.addSuppressed(closing);
            }
            if (shown instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) shown;
        }
    }

    /** Closes what a failed start had built; nothing was dispatched yet, so the dispatcher is not waited for. */
    private static RuntimeException closeAfterFailedStart(Dispatcher dispatcher, PartsToClose parts) {
        RuntimeException failure = null;
        try {
            if (dispatcher != null) {
                dispatcher.close(Duration.ZERO);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            parts.closeAll();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        return failure;
    }

    /**
     * Only a shared store hands an endpoint to another node when this one's lease lapses, so only there can an
     * attempt slower than the lease's margin overlap with another node's; one node alone has no one to overlap with.
     */
    private static void warnOfOverlappingAttempts(HeraldConfig config) {
        if (!config.store().is(StoreSettings.POSTGRES)) {
            return;
        }
        Duration lease = config.store().leaseDuration();
        Duration margin = lease.dividedBy(3);
        for (Endpoint e : config.endpoints()) {
            if (e.enabled() && e.timeout().compareTo(margin) > 0) {
                LOG.warn("herald: endpoint '{}': timeout ({} s) is longer than a third of store.lease ({} s): if"
                        + " this node loses the endpoint's lease, an attempt still in flight may overlap with"
                        + " another node's; make store.lease at least {} s", e.name(), seconds(e.timeout()),
                        seconds(lease), seconds(e.timeout().multipliedBy(3)));
            }
        }
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    /** The store deliveries are kept in, if the config names one. */
    public Optional<DeliveryStore> store() {
        return Optional.ofNullable(store);
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Injector injector() {
        return injector;
    }

    /** Closes within the config's close timeout. */
    @Override
    public void close() {
        close(closeTimeout);
    }

    /**
     * Drains the dispatcher up to the deadline, then closes every part Herald created, last built first (the
     * store last). Every part is closed even when one throws; each wait is bounded (the dispatcher's by the
     * deadline, the transport's and the store's by their own timeouts).
     *
     * @throws IllegalStateException after everything was closed, when a part failed to close: the first
     *     failure as its cause, the others suppressed
     */
    public synchronized CloseReport close(Duration deadline) {
        if (closed) {
            return new CloseReport(true, List.of());
        }
        closed = true;
        CloseReport report;
        try {
            report = dispatcher.close(deadline);
        } catch (RuntimeException e) {
            try {
                parts.closeAll();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        parts.closeAll();
        return report;
    }
}
