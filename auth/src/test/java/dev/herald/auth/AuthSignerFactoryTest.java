package dev.herald.auth;

import static dev.herald.auth.Signing.sign;
import static dev.herald.auth.Signing.signer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.endpoint.AuthSpec;
import dev.herald.core.signing.RequestSigner;
import dev.herald.core.signing.SigningInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthSignerFactoryTest {
    /** Appears in every secret below; no message or toString may contain it. */
    private static final String MARK = "S3CRET";
    private static final String TOKEN = "tok-" + MARK + "-123";
    private static final String HMAC_SECRET = "hmac-" + MARK;
    /** "whsec_" + base64 of 24 bytes. */
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static IllegalArgumentException configError(String type, Map<String, ?> settings) {
        try {
            RequestSigner s = signer(type, settings);
            throw new AssertionError("accepted: " + s);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).doesNotContain(MARK).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            return e;
        }
    }

    @Nested
    class Headers {
        @Test
        void noneAddsNothingAndIgnoresOtherTypesKeys() {
            RequestSigner s = signer("none", Map.of("token", TOKEN));
            assertThat(sign(s, "{}", "d1", 1)).isEmpty();
            assertThat(Signing.FACTORY.create(AuthSpec.NONE)).isSameAs(RequestSigner.NONE);
        }

        @Test
        void bearer() {
            RequestSigner s = signer("bearer", Map.of("token", TOKEN));
            assertThat(sign(s, "{}", "d1", 1)).containsExactly(Map.entry("Authorization", "Bearer " + TOKEN));
            assertThat(s.toString()).contains("bearer", "Authorization").doesNotContain(MARK);
        }

        @Test
        void bearerTakesANumericTokenAsYamlWouldGiveIt() {
            RequestSigner s = signer("bearer", Map.of("token", 12345));
            assertThat(sign(s, "{}", "d1", 1)).containsExactly(Map.entry("Authorization", "Bearer 12345"));
        }

        @Test
        void apiKeyWithTheSeedsDefaultHeader() {
            RequestSigner s = signer("api_key", Map.of("api_key", TOKEN));
            assertThat(sign(s, "{}", "d1", 1)).containsExactly(Map.entry("X-API-Key", TOKEN));
            assertThat(s.toString()).contains("api_key", "X-API-Key").doesNotContain(MARK);
        }

        @Test
        void apiKeyWithAnOwnHeader() {
            RequestSigner s = signer("api_key", Map.of("api_key", TOKEN, "api_key_header", "X-Custom-Key"));
            assertThat(sign(s, "{}", "d1", 1)).containsExactly(Map.entry("X-Custom-Key", TOKEN));
        }

        @Test
        void hmacWithDefaults() {
            RequestSigner s = signer("hmac", Map.of("hmac_secret", "test-secret"));
            assertThat(sign(s, "{\"test\": \"data\"}", "d1", 1)).containsExactly(Map.entry("X-Signature",
                    "sha256=b4820cec871eff53285edfbf9e7cd0081e8e5cca759fa3b0453d9023489421a3"));
            assertThat(s.toString()).contains("hmac", "X-Signature").doesNotContain("test-secret");
        }

        @Test
        void hmacSignsTheExactBytesWhateverTheAttempt() {
            RequestSigner s = signer("hmac", Map.of("hmac_secret", HMAC_SECRET, "hmac_algorithm", "sha512",
                    "hmac_header", "X-Hub-Signature"));
            Map<String, String> first = sign(s, "body", "d1", 1);
            assertThat(first).containsOnlyKeys("X-Hub-Signature");
            assertThat(first.get("X-Hub-Signature")).matches("sha512=[0-9a-f]{128}");
            assertThat(sign(s, "body", "d2", 99)).isEqualTo(first);
            assertThat(sign(s, "body!", "d1", 1)).isNotEqualTo(first);
            assertThat(s.toString()).doesNotContain(MARK);
        }

        @Test
        void hmacIgnoresOtherTypesKeysAsTheSeedsModelHasThemAll() {
            Map<String, Object> all = new HashMap<>();
            all.put("type", "hmac");
            all.put("token", null);
            all.put("api_key", null);
            all.put("api_key_header", "X-API-Key");
            all.put("hmac_secret", "test-secret");
            all.put("hmac_algorithm", "sha256");
            all.put("hmac_header", "X-Signature");
            assertThat(sign(signer("hmac", all), "{\"test\": \"data\"}", "d1", 1)).containsExactly(Map.entry(
                    "X-Signature", "sha256=b4820cec871eff53285edfbf9e7cd0081e8e5cca759fa3b0453d9023489421a3"));
        }

        @Test
        void standardWebhooks() {
            RequestSigner s = signer("standard_webhooks", Map.of("secret", WHSEC));
            Map<String, String> h = sign(s, "{\"test\": 2432232314}", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330);
            assertThat(h).containsExactly(
                    Map.entry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
                    Map.entry("webhook-timestamp", "1614265330"),
                    Map.entry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
            assertThat(s.toString()).contains("standard_webhooks", "webhook-signature").doesNotContain("whsec");
        }
    }

    @Nested
    class Errors {
        @Test
        void unknownTypeListsTheKnownOnesNearestFirst() {
            assertThat(configError("bearr", Map.of()))
                    .hasMessage("authentication.type: unknown type 'bearr'; known types are bearer, hmac, none,"
                            + " api_key, standard_webhooks");
        }

        @Test
        void requiredKeysAreNamed() {
            assertThat(configError("bearer", Map.of())).hasMessage("authentication.token: required for type bearer");
            assertThat(configError("api_key", Map.of("api_key_header", "X-K")))
                    .hasMessage("authentication.api_key: required for type api_key");
            assertThat(configError("hmac", Map.of("hmac_algorithm", "sha256")))
                    .hasMessage("authentication.hmac_secret: required for type hmac");
            assertThat(configError("standard_webhooks", Map.of()))
                    .hasMessageStartingWith("authentication.secret: required for type standard_webhooks");
        }

        @Test
        void aNullValueIsAbsentAsInTheSeedsModel() {
            Map<String, Object> settings = new HashMap<>();
            settings.put("token", null);
            assertThat(configError("bearer", settings)).hasMessage("authentication.token: required for type bearer");
        }

        @Test
        void anEmptyOrNonStringValueIsRefused() {
            assertThat(configError("bearer", Map.of("token", ""))).hasMessage("authentication.token: must not be empty");
            assertThat(configError("bearer", Map.of("token", List.of(TOKEN))))
                    .hasMessage("authentication.token: must be a string");
            assertThat(configError("hmac", Map.of("hmac_secret", Map.of("k", HMAC_SECRET))))
                    .hasMessage("authentication.hmac_secret: must be a string");
        }

        @Test
        void aKeyNoTypeKnowsIsNamed() {
            assertThat(configError("bearer", Map.of("token", TOKEN, "tokn", "x")))
                    .hasMessageStartingWith("authentication.tokn: unknown setting; known settings are ");
        }

        @Test
        void unknownHmacAlgorithms() {
            assertThat(configError("hmac", Map.of("hmac_secret", HMAC_SECRET, "hmac_algorithm", "md5")))
                    .hasMessage("authentication.hmac_algorithm: must be one of sha256, sha384, sha512, sha1,"
                            + " got 'md5'");
            assertThat(configError("hmac", Map.of("hmac_secret", HMAC_SECRET, "hmac_algorithm", "SHA256")))
                    .hasMessageStartingWith("authentication.hmac_algorithm: must be one of");
        }

        @ParameterizedTest
        @ValueSource(strings = {"X-Evil\r\nInjected: 1", "X-Evil\n", "X-Evil\u0000", "X Space", "", "Host",
                "content-length", "Transfer-Encoding", "CONNECTION", "Upgrade"})
        void badAndReservedHeaderNamesAreRefused(String name) {
            assertThat(configError("api_key", Map.of("api_key", TOKEN, "api_key_header", name)))
                    .hasMessageStartingWith("authentication.api_key_header: ");
            assertThat(configError("hmac", Map.of("hmac_secret", HMAC_SECRET, "hmac_header", name)))
                    .hasMessageStartingWith("authentication.hmac_header: ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\r\nX-Injected: 1", "\n", "\r", "\u0000"})
        void controlCharactersInHeaderValuesAreRefusedWithoutQuotingThem(String evil) {
            assertThat(configError("bearer", Map.of("token", TOKEN + evil)))
                    .hasMessageStartingWith("authentication.token: header value has a control character");
            assertThat(configError("api_key", Map.of("api_key", TOKEN + evil)))
                    .hasMessageStartingWith("authentication.api_key: header value has a control character");
        }

        @Test
        void aDeliveryIdWithALineBreakIsRefusedAtSigning() {
            RequestSigner s = signer("standard_webhooks", Map.of("secret", WHSEC));
            assertThatThrownBy(() -> s.sign(new SigningInput(new byte[0], "id\r\nX-Injected: 1", Instant.EPOCH),
                    (k, v) -> {}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("webhook-id: ");
        }

        @Test
        void secretAndSecretsTogether() {
            assertThat(configError("standard_webhooks", Map.of("secret", WHSEC, "secrets", List.of(WHSEC))))
                    .hasMessage("authentication.secrets: set either secret or secrets (a list, for rotation), not both");
        }

        @Test
        void secretsMustBeANonEmptyListOfStrings() {
            assertThat(configError("standard_webhooks", Map.of("secrets", WHSEC)))
                    .hasMessage("authentication.secrets: must be a list of strings");
            assertThat(configError("standard_webhooks", Map.of("secrets", List.of())))
                    .hasMessage("authentication.secrets: must not be empty");
            assertThat(configError("standard_webhooks", Map.of("secrets", List.of(WHSEC, ""))))
                    .hasMessage("authentication.secrets[1]: must not be empty");
        }

        @Test
        void badBase64IsNamedByIndexWithoutTheSecret() {
            assertThat(configError("standard_webhooks", Map.of("secrets", List.of(WHSEC, "whsec_" + MARK + "!!"))))
                    .hasMessage("authentication.secrets[1]: not valid base64 after the whsec_ prefix")
                    .hasNoCause();
            assertThat(configError("standard_webhooks", Map.of("secret", "whsk_" + MARK + "*")))
                    .hasMessage("authentication.secret: not valid base64 after the whsk_ prefix");
            assertThat(configError("standard_webhooks", Map.of("secret", "whsec_")))
                    .hasMessage("authentication.secret: the key after the whsec_ prefix is empty");
        }

        @Test
        void aSecretWithoutAKnownPrefixOrAPublicKeyCannotSign() {
            assertThat(configError("standard_webhooks", Map.of("secret", MARK + "AAAA")))
                    .hasMessage("authentication.secret: must start with whsec_ (HMAC-SHA256, v1) or whsk_ (Ed25519,"
                            + " v1a)");
            assertThat(configError("standard_webhooks",
                    Map.of("secrets", List.of(WHSEC, "whpk_ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c/g="))))
                    .hasMessageStartingWith("authentication.secrets[1]: a public key (whpk_) cannot sign");
        }

        @Test
        void anEd25519KeyOfTheWrongLength() {
            assertThat(configError("standard_webhooks", Map.of("secret", "whsk_" + "UzNDUkVU")))
                    .hasMessage("authentication.secret: an Ed25519 private key (whsk_) must decode to 32 bytes (the"
                            + " seed) or 64 (seed and public key), got 6");
        }

        @Test
        void nothingLeaksThroughToString() {
            List<RequestSigner> signers = new ArrayList<>(Arrays.asList(
                    signer("bearer", Map.of("token", TOKEN)),
                    signer("api_key", Map.of("api_key", TOKEN)),
                    signer("hmac", Map.of("hmac_secret", HMAC_SECRET)),
                    signer("standard_webhooks", Map.of("secrets", List.of(WHSEC,
                            "whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=")))));
            for (RequestSigner s : signers) {
                assertThat(s.toString()).doesNotContain(MARK, "MfKQ9r8G", "VEVTVFNJ", "whsec_", "whsk_");
            }
            assertThat(AuthSpec.of("bearer", Map.of("token", TOKEN)).toString()).doesNotContain(MARK);
        }

        @Test
        void aNullSpecIsAProgrammingError() {
            assertThatThrownBy(() -> Signing.FACTORY.create(null)).isInstanceOf(NullPointerException.class);
        }
    }
}
