package dev.herald.auth;

import static dev.herald.auth.Signing.sign;
import static dev.herald.auth.Signing.signer;
import static dev.herald.auth.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.auth.SignatureVerificationException.Reason;
import dev.herald.core.signing.RequestSigner;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every fixed vector of {@code vectors/signatures.json} and the {@code hmac} list of {@code seed-parity.json}. */
class VectorsTest {
    private static JsonNode signatures;
    private static JsonNode seedParity;

    @BeforeAll
    static void load() throws IOException {
        signatures = read("/vectors/signatures.json");
        seedParity = read("/vectors/seed-parity.json");
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = VectorsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    private static Clock clockAt(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    @Nested
    class StandardWebhooksV1 {
        private JsonNode v;
        private long ts;

        @org.junit.jupiter.api.BeforeEach
        void vector() {
            v = signatures.get("standard_webhooks_v1");
            ts = v.get("timestamp").asLong();
        }

        private Map<String, String> headers(String signature) {
            return Map.of("webhook-id", v.get("msg_id").asText(), "webhook-timestamp", Long.toString(ts),
                    "webhook-signature", signature);
        }

        @Test
        void signsExactly() {
            RequestSigner s = signer("standard_webhooks", Map.of("secret", v.get("secret").asText()));
            Map<String, String> h = sign(s, v.get("payload").asText(), v.get("msg_id").asText(), ts);
            assertThat(h).containsExactly(
                    Map.entry("webhook-id", v.get("msg_id").asText()),
                    Map.entry("webhook-timestamp", "1614265330"),
                    Map.entry("webhook-signature", v.get("expected_signature").asText()));
            List<String> names = new ArrayList<>();
            v.get("headers").forEach(n -> names.add(n.asText()));
            assertThat(h.keySet()).containsExactlyElementsOf(names);
        }

        @Test
        void verifiesTheExpectedSignature() {
            StandardWebhooksVerifier verifier = StandardWebhooksVerifier.builder()
                    .secret(v.get("secret").asText()).clock(clockAt(ts)).build();
            assertThatCode(() -> verifier.verify(headers(v.get("expected_signature").asText()),
                    utf8(v.get("payload").asText()))).doesNotThrowAnyException();
        }

        @TestFactory
        List<DynamicTest> mustReject() {
            List<DynamicTest> tests = new ArrayList<>();
            for (JsonNode c : v.get("verify_must_reject")) {
                String why = c.get("why").asText();
                tests.add(dynamicTest(why, () -> {
                    String signature = c.has("signature") ? c.get("signature").asText()
                            : v.get("expected_signature").asText();
                    String payload = c.has("payload") ? c.get("payload").asText() : v.get("payload").asText();
                    long now = ts;
                    Reason expected = Reason.NO_MATCHING_SIGNATURE;
                    if (!c.has("signature") && !c.has("payload")) {
                        expected = Reason.TIMESTAMP_OUT_OF_TOLERANCE;
                        if (why.contains("older")) {
                            now = ts + 5 * 60 + 1;
                        } else if (why.contains("future")) {
                            now = ts - 5 * 60 - 1;
                        } else {
                            throw new AssertionError("a vector this test does not understand: " + why);
                        }
                    }
                    StandardWebhooksVerifier verifier = StandardWebhooksVerifier.builder()
                            .secret(v.get("secret").asText()).clock(clockAt(now)).build();
                    Reason reason = expected;
                    assertThatThrownBy(() -> verifier.verify(headers(signature), utf8(payload)))
                            .isInstanceOfSatisfying(SignatureVerificationException.class,
                                    e -> assertThat(e.reason()).isEqualTo(reason));
                    assertThat(verifier.isValid(headers(signature), utf8(payload))).isFalse();
                }));
            }
            assertThat(tests).hasSize(4);
            return tests;
        }

        @TestFactory
        List<DynamicTest> mustAccept() {
            List<DynamicTest> tests = new ArrayList<>();
            for (JsonNode c : v.get("verify_must_accept")) {
                tests.add(dynamicTest(c.get("why").asText(), () -> {
                    String signature = c.has("signature") ? c.get("signature").asText()
                            : v.get("expected_signature").asText();
                    String secret = c.has("secret") ? c.get("secret").asText() : v.get("secret").asText();
                    StandardWebhooksVerifier verifier = StandardWebhooksVerifier.builder()
                            .secret(secret).clock(clockAt(ts)).build();
                    assertThatCode(() -> verifier.verify(headers(signature), utf8(v.get("payload").asText())))
                            .doesNotThrowAnyException();
                }));
            }
            assertThat(tests).hasSize(2);
            return tests;
        }

        @Test
        void acceptsAtExactlyTheToleranceEitherWay() {
            for (long now : new long[] {ts + 300, ts - 300}) {
                StandardWebhooksVerifier verifier = StandardWebhooksVerifier.builder()
                        .secret(v.get("secret").asText()).clock(clockAt(now)).build();
                assertThat(verifier.isValid(headers(v.get("expected_signature").asText()),
                        utf8(v.get("payload").asText()))).as("now = ts %+d", now - ts).isTrue();
            }
        }
    }

    @Nested
    class StandardWebhooksV1a {
        private final JsonNode v = signatures.get("standard_webhooks_v1a");

        @Test
        void signsExactlyWithTheSeed() {
            RequestSigner s = signer("standard_webhooks",
                    Map.of("secret", "whsk_" + v.get("private_key_seed_base64").asText()));
            Map<String, String> h = sign(s, v.get("payload").asText(), v.get("msg_id").asText(),
                    v.get("timestamp").asLong());
            assertThat(h).containsEntry("webhook-signature", v.get("expected_signature").asText())
                    .containsEntry("webhook-id", v.get("msg_id").asText())
                    .containsEntry("webhook-timestamp", v.get("timestamp").asText());
        }

        @Test
        void verifiesWithThePublicKey() {
            StandardWebhooksVerifier verifier = StandardWebhooksVerifier.builder()
                    .secret("whpk_" + v.get("public_key_base64").asText())
                    .clock(clockAt(v.get("timestamp").asLong())).build();
            Map<String, String> h = Map.of("webhook-id", v.get("msg_id").asText(),
                    "webhook-timestamp", v.get("timestamp").asText(),
                    "webhook-signature", v.get("expected_signature").asText());
            assertThatCode(() -> verifier.verify(h, utf8(v.get("payload").asText()))).doesNotThrowAnyException();
            assertThat(verifier.isValid(h, utf8(v.get("payload").asText() + " "))).isFalse();
            Map<String, String> asV1 = Map.of("webhook-id", v.get("msg_id").asText(),
                    "webhook-timestamp", v.get("timestamp").asText(),
                    "webhook-signature", v.get("expected_signature").asText().replace("v1a,", "v1,"));
            assertThat(verifier.isValid(asV1, utf8(v.get("payload").asText()))).isFalse();
        }
    }

    @Test
    void github() {
        JsonNode v = signatures.get("github");
        RequestSigner s = signer("hmac", Map.of("hmac_secret", v.get("secret").asText(),
                "hmac_header", v.get("header").asText()));
        Map<String, String> h = sign(s, v.get("payload").asText(), "d1", 0);
        assertThat(h).containsExactly(Map.entry(v.get("header").asText(), v.get("expected").asText()));
        SeedHmacVerifier verifier = SeedHmacVerifier.builder().secret(v.get("secret").asText())
                .header(v.get("header").asText()).build();
        assertThat(verifier.isValid(h, utf8(v.get("payload").asText()))).isTrue();
    }

    @Test
    void seedHmac() {
        JsonNode v = signatures.get("seed_hmac");
        RequestSigner s = signer("hmac", Map.of("hmac_secret", v.get("secret").asText()));
        Map<String, String> h = sign(s, v.get("payload").asText(), "d1", 0);
        assertThat(h).containsExactly(Map.entry(v.get("header").asText(), v.get("expected").asText()));
        assertThat(SeedHmacVerifier.of(v.get("secret").asText()).isValid(h, utf8(v.get("payload").asText())))
                .isTrue();
    }

    @TestFactory
    List<DynamicTest> seedParityHmac() {
        Set<String> supported = Set.of("sha256", "sha384", "sha512", "sha1");
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : seedParity.get("hmac")) {
            String algorithm = c.get("algorithm").asText();
            String secret = c.get("secret").asText();
            byte[] body = utf8(c.get("body").asText());
            String name = "hmac[" + i++ + "] " + algorithm + " body of " + body.length + " bytes";
            tests.add(dynamicTest(name, () -> {
                Map<String, String> settings = Map.of("hmac_secret", secret, "hmac_algorithm", algorithm);
                if (supported.contains(algorithm)) {
                    Map<String, String> h = sign(signer("hmac", settings), body, "d1", Instant.EPOCH);
                    assertThat(h).containsExactly(Map.entry("X-Signature", c.get("seed_header_value").asText()));
                    SeedHmacVerifier verifier = SeedHmacVerifier.builder().secret(secret).algorithm(algorithm).build();
                    assertThat(verifier.isValid(h, body)).isTrue();
                } else {
                    // The seed signed these with sha256 under the wrong name; Herald refuses them at start-up.
                    assertThatThrownBy(() -> signer("hmac", settings))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessage("authentication.hmac_algorithm: must be one of sha256, sha384, sha512, sha1,"
                                    + " got '" + algorithm + "'")
                            .message().doesNotContain(secret);
                }
            }));
        }
        assertThat(tests).hasSize(18);
        return tests;
    }
}
