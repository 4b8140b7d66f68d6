package dev.herald.engine.internal;

import com.google.inject.AbstractModule;
import com.google.inject.matcher.Matchers;
import com.google.inject.spi.InstanceBinding;
import com.google.inject.spi.ProvisionListener;
import dev.herald.core.dispatch.Dispatcher;

/**
 * Records in a {@link PartsToClose} every closeable part the injector builds (by a constructor, a provider method
 * or a provider), so that Herald closes exactly what it created. An instance bound with {@code toInstance} is never
 * recorded: whoever bound it owns it and closes it. The
 * dispatcher is left out because Herald closes it first, with its own deadline.
 */
public final class RecordPartsBuiltModule extends AbstractModule {
    private final PartsToClose parts;

    /** A module that records into {@code parts}. */
    public RecordPartsBuiltModule(PartsToClose parts) {
        this.parts = parts;
    }

    @Override
    protected void configure() {
        bindListener(Matchers.any(), new ProvisionListener() {
            @Override
            public <T> void onProvision(ProvisionInvocation<T> provision) {
                T built = provision.provision();
                // Guice reports an instance binding's instance too, but the user made it, so the user closes it.
                boolean usersOwn = provision.getBinding() instanceof InstanceBinding;
                if (!usersOwn && built instanceof AutoCloseable part && !(built instanceof Dispatcher)) {
                    parts.add(part);
                }
            }
        });
    }
}
