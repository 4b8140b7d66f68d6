package dev.herald.auth;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import dev.herald.core.signing.SignerFactory;

/**
 * Binds the core's {@link SignerFactory} port to {@link AuthSignerFactory}, so that endpoints may use every
 * authentication type this module knows. To add a custom type, bind an own factory that delegates to this one.
 */
public final class SigningModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SignerFactory.class).to(AuthSignerFactory.class).in(Scopes.SINGLETON);
    }
}
