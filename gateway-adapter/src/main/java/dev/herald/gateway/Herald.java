package dev.herald.gateway;

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
import dev.herald.core.time.Scheduler;
import dev.herald.core.transport.Transport;
import dev.herald.store.jdbc.StoreSettings;
import dev.herald.templates.FreemarkerTemplatesModule;
import dev.herald.transport.http.HttpTransportModule;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Herald: every module assembled from one {@link HeraldConfig}, and the lifecycle that closes them in
 * order (the dispatcher drains first, then the transport and the scheduler let go of their threads).
 *
 * <pre>{@code
 * try (Herald herald = Herald.start(config)) {
 *     herald.dispatcher().dispatch(event);
 * }
 * }</pre>
 */
public final class Herald implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Herald.class);

    private final Injector injector;
    private final Dispatcher dispatcher;
    private final Duration closeTimeout;
    private final DeliveryStore store;
    private boolean closed;

    private Herald(Injector injector, Duration closeTimeout, DeliveryStore store) {
        this.injector = injector;
        this.dispatcher = injector.getInstance(Dispatcher.class);
        this.closeTimeout = closeTimeout;
        this.store = store;
    }

    /** Assembles Herald's standard modules around an opened store, or none. */
    public static List<Module> modules(HeraldConfig config, DeliveryStore store) {
        return List.of(new HeraldModule(config, store), new HttpTransportModule(config.transport()),
                new SigningModule(), new FreemarkerTemplatesModule(config.templates()));
    }

    /**
     * Starts Herald from its standard modules; {@code overrides} replace their bindings (a custom transport, a
     * manual scheduler) and add listeners.
     */
    public static Herald start(HeraldConfig config, Module... overrides) {
        // Opened first and outside Guice: it migrates its schema, and a failure should name the database plainly.
        DeliveryStore store = config.store().open().orElse(null);
        Module assembled = Modules.override(modules(config, store)).with(overrides);
        try {
            Herald herald = new Herald(Guice.createInjector(assembled), config.closeTimeout(), store);
            if (store != null) {
                LOG.info("deliveries are kept in {}", config.store().describe());
            }
            warnOfOverlappingAttempts(config);
            return herald;
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            // A bad config is the user's to fix: show its own message, not Guice's wrapping of it.
            Throwable cause = e.getCause();
            if ((e instanceof ProvisionException || e instanceof CreationException)
                    && cause instanceof IllegalArgumentException bad) {
                throw bad;
            }
            throw e;
        }
    }

    /**
     * Only a shared store hands an endpoint to another node when this one's lease lapses, so only there can an
     * attempt slower than the lease's margin overlap with another node's; one node alone has no one to overlap with.
     */
    private static void warnOfOverlappingAttempts(HeraldConfig config) {
        if (config.store().kind() != StoreSettings.Kind.POSTGRES) {
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

    /** Drains the dispatcher up to the deadline, then releases the transport and the scheduler. */
    public synchronized CloseReport close(Duration deadline) {
        if (closed) {
            return new CloseReport(true, List.of());
        }
        closed = true;
        CloseReport report = dispatcher.close(deadline);
        injector.getInstance(Transport.class).close();
        injector.getInstance(Scheduler.class).close();
        if (store != null) {
            // Last: the dispatcher has released what it held, and those writes must land before the files close.
            store.close();
        }
        return report;
    }
}
