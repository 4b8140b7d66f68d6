package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.signing.RequestSigner;
import dev.herald.core.signing.SignerFactory;
import dev.herald.core.signing.SigningInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningModuleTest {
    private static final SigningInput INPUT =
            new SigningInput("{}".getBytes(StandardCharsets.UTF_8), "d-1", Instant.EPOCH);

    /** A user's module that adds one type, as the SigningModule's Javadoc shows. */
    private static final Module TEAM_TOKEN = binder -> SigningModule.signingTypes(binder).addBinding("team_token")
            .toInstance(spec -> {
                String team = String.valueOf(spec.settings().get("team"));
                return (input, headers) -> headers.accept("X-Team", team);
            });

    @Test
    void bindsTheSignerFactoryPort() {
        Injector injector = Guice.createInjector(new SigningModule());
        SignerFactory factory = injector.getInstance(SignerFactory.class);
        assertThat(factory).isInstanceOf(AuthSignerFactory.class)
                .isSameAs(injector.getInstance(SignerFactory.class));
        assertThat(factory.create(AuthSpec.of("bearer", Map.of("token", "t"))).toString()).contains("bearer");
    }

    @Test
    void aTypeAddedFromAnotherModuleSignsAndTheBuiltInOnesStillDo() {
        SignerFactory factory = Guice.createInjector(new SigningModule(), TEAM_TOKEN).getInstance(SignerFactory.class);

        assertThat(headers(factory.create(AuthSpec.of("team_token", Map.of("team", "blue")))))
                .containsExactly(Map.entry("X-Team", "blue"));
        assertThat(headers(factory.create(AuthSpec.of("bearer", Map.of("token", "t")))))
                .containsExactly(Map.entry("Authorization", "Bearer t"));
        assertThat(factory.create(AuthSpec.of("hmac", Map.of("hmac_secret", "s")))).isNotNull();
        assertThat(factory.create(AuthSpec.of("none", Map.of()))).isSameAs(RequestSigner.NONE);
    }

    @Test
    void anUnknownTypeIsRefusedWithEveryRegisteredNameNearestFirst() {
        SignerFactory factory = Guice.createInjector(new SigningModule(), TEAM_TOKEN).getInstance(SignerFactory.class);

        assertThatThrownBy(() -> factory.create(AuthSpec.of("team_tokn", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("authentication.type: unknown type 'team_tokn'; known types are team_token, ")
                .hasMessageContaining("bearer").hasMessageContaining("standard_webhooks");
    }

    @Test
    void aTypeRegisteredTwiceIsRefusedWhenTheInjectorIsBuilt() {
        Module again = binder -> SigningModule.signingTypes(binder).addBinding("bearer").toInstance(spec -> null);

        assertThatThrownBy(() -> Guice.createInjector(new SigningModule(), again).getInstance(SignerFactory.class))
                .hasMessageContaining("bearer");
    }

    private static Map<String, String> headers(RequestSigner signer) {
        Map<String, String> headers = new LinkedHashMap<>();
        signer.sign(INPUT, headers::put);
        return headers;
    }
}
