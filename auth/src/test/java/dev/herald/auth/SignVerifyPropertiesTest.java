package dev.herald.auth;

import static dev.herald.auth.Signing.sign;
import static dev.herald.auth.Signing.signer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.herald.auth.SignatureVerificationException.Reason;
import dev.herald.auth.internal.Ed25519Keys;
import dev.herald.core.signing.RequestSigner;
import java.security.interfaces.EdECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Sign-then-verify holds for arbitrary inputs, and any change to what is signed breaks it. */
class SignVerifyPropertiesTest {
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Ed25519TestKeys ED = Ed25519TestKeys.fromSeed(Signing.utf8("property test ed25519 seed!!...."));
    private static final RequestSigner SIGNER =
            signer("standard_webhooks", Map.of("secrets", List.of(WHSEC, ED.whsk())));
    private static final RequestSigner SEED_SIGNER = signer("hmac", Map.of("hmac_secret", "whsec-test-secret"));
    private static final SeedHmacVerifier SEED_VERIFIER = SeedHmacVerifier.of("whsec-test-secret");

    private static Gen<byte[]> bodies() {
        return Generate.byteArrays(integers().between(0, 2048), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    /** Ids as a header can carry them: printable ASCII, or any character from Latin-1 up to the surrogates. */
    private static Gen<String> ids() {
        return strings().basicLatinAlphabet().ofLengthBetween(1, 64)
                .mix(strings().betweenCodePoints(0xA0, 0xD7FF).ofLengthBetween(1, 64), 30);
    }

    private static Gen<Long> timestamps() {
        return longs().between(0, 32_503_680_000L);
    }

    private static StandardWebhooksVerifier verifier(String key, long now) {
        return StandardWebhooksVerifier.builder().secret(key)
                .clock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC)).build();
    }

    private static void rejected(StandardWebhooksVerifier v, Map<String, String> headers, byte[] body) {
        assertThatThrownBy(() -> v.verify(headers, body))
                .isInstanceOfSatisfying(SignatureVerificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NO_MATCHING_SIGNATURE));
    }

    @Test
    void signedDeliveriesVerifyWithEachKey() {
        qt().forAll(bodies(), ids(), timestamps()).checkAssert((body, id, ts) -> {
            Map<String, String> h = sign(SIGNER, body, id, Instant.ofEpochSecond(ts));
            assertThat(verifier(WHSEC, ts).isValid(h, body)).isTrue();
            assertThat(verifier(ED.whpk(), ts).isValid(h, body)).isTrue();
        });
    }

    @Test
    void aChangedBodyFails() {
        qt().forAll(bodies(), ids(), timestamps(), integers().allPositive()).checkAssert((body, id, ts, where) -> {
            Map<String, String> h = sign(SIGNER, body, id, Instant.ofEpochSecond(ts));
            byte[] changed;
            if (body.length == 0) {
                changed = new byte[] {(byte) where.intValue()};
            } else {
                changed = body.clone();
                changed[where % body.length] ^= (byte) (1 << (where % 8));
            }
            rejected(verifier(WHSEC, ts), h, changed);
            rejected(verifier(ED.whpk(), ts), h, changed);
            assertThat(SEED_VERIFIER.isValid(sign(SEED_SIGNER, body, id, Instant.EPOCH), changed)).isFalse();
            assertThat(SEED_VERIFIER.isValid(sign(SEED_SIGNER, body, id, Instant.EPOCH), body)).isTrue();
        });
    }

    @Test
    void aChangedIdFails() {
        qt().forAll(bodies(), ids(), ids(), timestamps()).assuming((body, id, other, ts) -> !id.equals(other))
                .checkAssert((body, id, other, ts) -> {
                    Map<String, String> h = new HashMap<>(sign(SIGNER, body, id, Instant.ofEpochSecond(ts)));
                    h.put("webhook-id", other);
                    rejected(verifier(WHSEC, ts), h, body);
                    rejected(verifier(ED.whpk(), ts), h, body);
                });
    }

    @Test
    void aChangedTimestampFailsEvenWithinTheTolerance() {
        // 1..300 moves the timestamp forward, 301..600 back by 1..300 seconds: never zero, never beyond the tolerance.
        qt().forAll(bodies(), ids(), longs().between(300, 32_503_680_000L), integers().between(1, 600))
                .checkAssert((body, id, ts, step) -> {
                    int delta = step <= 300 ? step : 300 - step;
                    Map<String, String> h = new HashMap<>(sign(SIGNER, body, id, Instant.ofEpochSecond(ts)));
                    h.put("webhook-timestamp", Long.toString(ts + delta));
                    rejected(verifier(WHSEC, ts), h, body);
                    rejected(verifier(ED.whpk(), ts), h, body);
                });
    }

    @Test
    void seedHmacVerifiesForEveryAlgorithmAndAnyChangeToTheBodyBreaksIt() {
        Gen<String> algorithms = Generate.pick(List.of("sha256", "sha384", "sha512", "sha1"));
        Gen<String> secrets = strings().allPossible().ofLengthBetween(1, 100);
        qt().forAll(bodies(), algorithms, secrets, integers().allPositive()).checkAssert((body, alg, secret, where) -> {
            RequestSigner signer = signer("hmac", Map.of("hmac_secret", secret, "hmac_algorithm", alg,
                    "hmac_header", "X-Hub-Signature"));
            SeedHmacVerifier verifier = SeedHmacVerifier.builder().secret(secret).algorithm(alg)
                    .header("X-Hub-Signature").build();
            Map<String, String> h = sign(signer, body, "any", Instant.EPOCH);
            assertThat(h.get("X-Hub-Signature")).startsWith(alg + "=");
            assertThat(verifier.isValid(h, body)).isTrue();
            byte[] changed = body.length == 0 ? new byte[] {0} : body.clone();
            if (body.length > 0) {
                changed[where % body.length] ^= (byte) (1 << (where % 8));
            }
            assertThatThrownBy(() -> verifier.verify(h, changed)).isInstanceOfSatisfying(
                    SignatureVerificationException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.NO_MATCHING_SIGNATURE));
        });
    }

    @Test
    void ed25519PublicKeysDecodeToTheJdksOwnPoint() {
        Gen<byte[]> seeds = Generate.byteArrays(Generate.constant(32), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
        qt().withExamples(200).forAll(seeds).checkAssert(seed -> {
            Ed25519TestKeys keys = Ed25519TestKeys.fromSeed(seed);
            EdECPublicKey expected = (EdECPublicKey) keys.pair.getPublic();
            EdECPublicKey decoded = (EdECPublicKey) Ed25519Keys.publicKey(keys.publicKey);
            assertThat(decoded.getPoint().getY()).isEqualTo(expected.getPoint().getY());
            assertThat(decoded.getPoint().isXOdd()).isEqualTo(expected.getPoint().isXOdd());
            RequestSigner s = signer("standard_webhooks", Map.of("secret", keys.whsk()));
            Map<String, String> h = sign(s, "{}", "msg", 1_000);
            assertThat(verifier(keys.whpk(), 1_000).isValid(h, Signing.utf8("{}"))).isTrue();
        });
    }
}
