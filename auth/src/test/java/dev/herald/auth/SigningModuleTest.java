package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.signing.SignerFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningModuleTest {
    @Test
    void bindsTheSignerFactoryPort() {
        Injector injector = Guice.createInjector(new SigningModule());
        SignerFactory factory = injector.getInstance(SignerFactory.class);
        assertThat(factory).isInstanceOf(AuthSignerFactory.class)
                .isSameAs(injector.getInstance(SignerFactory.class));
        assertThat(factory.create(AuthSpec.of("bearer", Map.of("token", "t"))).toString()).contains("bearer");
    }
}
