package dev.herald.auth;

import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.signing.RequestSigner;
import dev.herald.core.signing.SigningInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: build signers from settings and collect the headers they add. */
final class Signing {
    static final AuthSignerFactory FACTORY = new AuthSignerFactory();

    private Signing() {}

    static RequestSigner signer(String type, Map<String, ?> settings) {
        return FACTORY.create(AuthSpec.of(type, settings));
    }

    static Map<String, String> sign(RequestSigner signer, byte[] body, String deliveryId, Instant at) {
        Map<String, String> headers = new LinkedHashMap<>();
        signer.sign(new SigningInput(body, deliveryId, at), (name, value) -> {
            if (headers.put(name, value) != null) {
                throw new AssertionError("header added twice: " + name);
            }
        });
        return headers;
    }

    static Map<String, String> sign(RequestSigner signer, String body, String deliveryId, long epochSeconds) {
        return sign(signer, utf8(body), deliveryId, Instant.ofEpochSecond(epochSeconds));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
