package dev.herald.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.Module;
import dev.herald.auth.SigningModule;
import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.endpoint.Endpoint;
import dev.herald.core.endpoint.EventFilter;
import dev.herald.core.event.Event;
import dev.herald.core.event.EventType;
import dev.herald.engine.testing.TestReceiver;
import dev.herald.transport.http.HttpTransportConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A user adds a signing type from an own module; it signs real deliveries next to the built-in types. */
class CustomSigningTypeTest {
    private final TestReceiver receiver = new TestReceiver();

    /** The user's module: one binding adds the type, nothing built in is replaced. */
    private static final Module ACME_SIGNING = binder -> SigningModule.signingTypes(binder).addBinding("acme")
            .toInstance(spec -> {
                byte[] key = String.valueOf(spec.settings().get("acme_key")).getBytes(StandardCharsets.UTF_8);
                return (input, headers) -> headers.accept("X-Acme-Signature", hmac(key, input.body()));
            });

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Endpoint endpoint(String name, AuthSpec auth) {
        return Endpoint.builder(receiver.url("/" + name)).name(name).filter(EventFilter.of(EventType.TOOL_SUCCESS))
                .authentication(auth).build();
    }

    private HeraldConfig config(Endpoint... endpoints) {
        return HeraldConfig.builder().endpoints(List.of(endpoints))
                .transport(HttpTransportConfig.builder().allowNetwork("127.0.0.0/8").build()).build();
    }

    @Test
    void aCustomTypeSignsARealDeliveryWhileTheBuiltInOnesStillWork() {
        HeraldConfig config = config(endpoint("acme", AuthSpec.of("acme", Map.of("acme_key", "k"))),
                endpoint("bearer", AuthSpec.of("bearer", Map.of("token", "t0ken"))));

        try (Herald herald = Herald.start(config, ACME_SIGNING)) {
            herald.dispatcher().dispatch(Event.builder(EventType.TOOL_SUCCESS).build());
            await().atMost(Duration.ofSeconds(10)).until(() -> herald.dispatcher().stats().deliveriesDelivered() == 2);
        }

        TestReceiver.Received acme = receiver.received("/acme").get(0);
        assertThat(acme.headers()).containsEntry("X-Acme-Signature",
                hmac("k".getBytes(StandardCharsets.UTF_8), acme.body()));
        assertThat(receiver.received("/bearer").get(0).headers()).containsEntry("Authorization", "Bearer t0ken");
    }

    @Test
    void anUnknownTypeIsRefusedAtStartNamingTheNearestKnownFirst() {
        HeraldConfig config = config(endpoint("acme", AuthSpec.of("acm", Map.of())));

        assertThatThrownBy(() -> Herald.start(config, ACME_SIGNING)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown type 'acm'; known types are acme, ");
    }

    private static String hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
