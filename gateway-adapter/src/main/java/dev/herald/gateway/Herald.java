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
import dev.herald.core.time.Scheduler;
import dev.herald.core.transport.Transport;
import dev.herald.templates.FreemarkerTemplatesModule;
import dev.herald.transport.http.HttpTransportModule;
import java.time.Duration;
import java.util.List;

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
    private final Injector injector;
    private final Dispatcher dispatcher;
    private final Duration closeTimeout;
    private boolean closed;

    private Herald(Injector injector, Duration closeTimeout) {
        this.injector = injector;
        this.dispatcher = injector.getInstance(Dispatcher.class);
        this.closeTimeout = closeTimeout;
    }

    /** Assembles Herald's standard modules. */
    public static List<Module> modules(HeraldConfig config) {
        return List.of(new HeraldModule(config), new HttpTransportModule(config.transport()), new SigningModule(),
                new FreemarkerTemplatesModule(config.templates()));
    }

    /**
     * Starts Herald from its standard modules; {@code overrides} replace their bindings (a custom transport, a
     * manual scheduler) and add listeners.
     */
    public static Herald start(HeraldConfig config, Module... overrides) {
        Module assembled = Modules.override(modules(config)).with(overrides);
        try {
            return new Herald(Guice.createInjector(assembled), config.closeTimeout());
        } catch (ProvisionException | CreationException e) {
            // A bad config is the user's to fix: show its own message, not Guice's wrapping of it.
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException bad) {
                throw bad;
            }
            throw e;
        }
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
        return report;
    }
}
