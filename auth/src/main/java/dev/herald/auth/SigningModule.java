package dev.herald.auth;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Scopes;
import com.google.inject.multibindings.MapBinder;
import dev.herald.auth.internal.BuiltInSigningTypes;
import dev.herald.core.signing.SignerFactory;

/**
 * Binds the core's {@link SignerFactory} port to {@link AuthSignerFactory}, which hands each endpoint's
 * authentication block to the factory registered for its type. The built-in types (none, bearer, api_key, hmac,
 * standard_webhooks) are registered here; a user adds one from any module, without replacing the others:
 *
 * <pre>{@code
 * SigningModule.signingTypes(binder()).addBinding("my_scheme").toInstance(spec -> new MySigner(spec));
 * }</pre>
 */
public final class SigningModule extends AbstractModule {
    /** The registry of signing types by name; each module that adds a type calls this on its own binder. */
    public static MapBinder<String, SignerFactory> signingTypes(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, SignerFactory.class);
    }

    @Override
    protected void configure() {
        MapBinder<String, SignerFactory> types = signingTypes(binder());
        BuiltInSigningTypes.all().forEach((name, factory) -> types.addBinding(name).toInstance(factory));
        bind(SignerFactory.class).to(AuthSignerFactory.class).in(Scopes.SINGLETON);
    }
}
