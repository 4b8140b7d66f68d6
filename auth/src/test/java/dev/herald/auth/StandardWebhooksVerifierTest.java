package dev.herald.auth;

import static dev.herald.auth.Signing.sign;
import static dev.herald.auth.Signing.signer;
import static dev.herald.auth.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.auth.SignatureVerificationException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class StandardWebhooksVerifierTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final long T = 1614265330L;
    private static final byte[] BODY = utf8("{\"test\": 2432232314}");
    private static final Map<String, String> SIGNED = Map.of(
            "webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "webhook-timestamp", Long.toString(T),
            "webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

    private static Clock at(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }

    private static final StandardWebhooksVerifier VERIFIER =
            StandardWebhooksVerifier.builder().secret(SECRET).clock(at(T)).build();

    private static Map<String, String> with(String header, String value) {
        Map<String, String> h = new HashMap<>(SIGNED);
        if (value == null) {
            h.remove(header);
        } else {
            h.put(header, value);
        }
        return h;
    }

    private static AbstractThrowableAssert<?, ?> refused(StandardWebhooksVerifier v, Map<String, String> headers,
            byte[] body, Reason reason) {
        return assertThatThrownBy(() -> v.verify(headers, body))
                .isInstanceOfSatisfying(SignatureVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        Map<String, String> h = Map.of("Webhook-Id", SIGNED.get("webhook-id"),
                "WEBHOOK-TIMESTAMP", SIGNED.get("webhook-timestamp"),
                "Webhook-Signature", SIGNED.get("webhook-signature"));
        assertThatCode(() -> VERIFIER.verify(h, BODY)).doesNotThrowAnyException();
    }

    @Test
    void missingOrEmptyHeadersAreNamed() {
        for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            refused(VERIFIER, with(header, null), BODY, Reason.MISSING_HEADER).hasMessageContaining(header);
            refused(VERIFIER, with(header, ""), BODY, Reason.MISSING_HEADER).hasMessageContaining(header);
        }
    }

    @Test
    void aTimestampThatIsNotWholeSecondsIsMalformed() {
        for (String ts : List.of("abc", "-1614265330", "1614265330.5", "+1614265330", "1e9", "9999999999999999999")) {
            refused(VERIFIER, with("webhook-timestamp", ts), BODY, Reason.MALFORMED_HEADER);
        }
    }

    @Test
    void theToleranceIsConfigurable() {
        StandardWebhooksVerifier strict = StandardWebhooksVerifier.builder().secret(SECRET)
                .tolerance(Duration.ofSeconds(10)).clock(at(T + 10)).build();
        assertThat(strict.isValid(SIGNED, BODY)).isTrue();
        StandardWebhooksVerifier late = StandardWebhooksVerifier.builder().secret(SECRET)
                .tolerance(Duration.ofSeconds(10)).clock(at(T + 11)).build();
        refused(late, SIGNED, BODY, Reason.TIMESTAMP_OUT_OF_TOLERANCE).hasMessageContaining("past");
        StandardWebhooksVerifier early = StandardWebhooksVerifier.builder().secret(SECRET)
                .tolerance(Duration.ofSeconds(10)).clock(at(T - 11)).build();
        refused(early, SIGNED, BODY, Reason.TIMESTAMP_OUT_OF_TOLERANCE).hasMessageContaining("future");
        assertThatThrownBy(() -> StandardWebhooksVerifier.builder().tolerance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTimestampIsSignedSoMovingItWithinTheToleranceFails() {
        refused(VERIFIER, with("webhook-timestamp", Long.toString(T + 1)), BODY, Reason.NO_MATCHING_SIGNATURE);
        refused(VERIFIER, with("webhook-id", "msg_other"), BODY, Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void garbageAndUnknownVersionsBesideAValidSignatureAreSkipped() {
        String valid = SIGNED.get("webhook-signature");
        for (String header : List.of("v2,abc " + valid, "nonsense  " + valid, "v1,!!notbase64!! " + valid,
                ",xyz " + valid, "v1a,AAAA " + valid)) {
            assertThat(VERIFIER.isValid(with("webhook-signature", header), BODY)).as(header).isTrue();
        }
        for (String header : List.of("v1,", "v1", "v1,AAAA", "v1a," + valid.substring(3), valid.toUpperCase())) {
            refused(VERIFIER, with("webhook-signature", header), BODY, Reason.NO_MATCHING_SIGNATURE);
        }
    }

    @Test
    void anyOfSeveralKeysMayMatch() {
        StandardWebhooksVerifier v = StandardWebhooksVerifier.builder()
                .secrets(List.of("whsec_" + "b3RoZXIga2V5", SECRET)).clock(at(T)).build();
        assertThat(v.isValid(SIGNED, BODY)).isTrue();
        StandardWebhooksVerifier wrong = StandardWebhooksVerifier.builder().secret("whsec_b3RoZXIga2V5")
                .clock(at(T)).build();
        refused(wrong, SIGNED, BODY, Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void badKeysAreRefusedByIndexWithoutTheirText() {
        assertThatThrownBy(() -> StandardWebhooksVerifier.of(SECRET, "whsec_S3CRET!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secrets[1]: not valid base64 after the whsec_ prefix");
        assertThatThrownBy(() -> StandardWebhooksVerifier.of("S3CRET*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("secrets[0]: not valid base64");
        assertThatThrownBy(() -> StandardWebhooksVerifier.of("whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("secrets[0]: a private key (whsk_) does not belong at a receiver")
                .message().doesNotContain("VEVTVFNJ");
        assertThatThrownBy(() -> StandardWebhooksVerifier.of("whpk_UzNDUkVU"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secrets[0]: an Ed25519 public key (whpk_) must decode to 32 bytes, got 6");
        assertThatThrownBy(StandardWebhooksVerifier::of)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }

    @Test
    void signaturesFromTheSignerVerifyWithTheDefaultClock() {
        Map<String, String> h = sign(signer("standard_webhooks", Map.of("secret", SECRET)), BODY, "msg_now",
                Instant.now());
        assertThat(StandardWebhooksVerifier.of(SECRET).isValid(h, BODY)).isTrue();
    }

    @Test
    void toStringShowsNoKey() {
        StandardWebhooksVerifier v = StandardWebhooksVerifier.of(SECRET,
                "whpk_ZlN4eg7dSSqi0moX9hQUk3orrOouK3QVQSlJa248c/g=");
        assertThat(v.toString()).contains("v1", "v1a", "PT5M").doesNotContain("MfKQ9r8G", "ZlN4eg7d");
    }

    @Test
    void failureMessagesNeverCarryTheExpectedSignature() {
        try {
            VERIFIER.verify(with("webhook-signature", "v1,AAAA"), BODY);
            throw new AssertionError("accepted");
        } catch (SignatureVerificationException e) {
            assertThat(e.getMessage()).doesNotContain("g0hM9SsE", "MfKQ9r8G");
        }
    }
}
