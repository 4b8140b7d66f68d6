package dev.herald.auth;

import static dev.herald.auth.Signing.sign;
import static dev.herald.auth.Signing.signer;
import static dev.herald.auth.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.core.signing.RequestSigner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StandardWebhooksSignerTest {
    private static final String SECRET_A = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SECRET_B = "whsec_" + Base64.getEncoder().encodeToString(utf8("another key, 32 bytes long....."));
    private static final Ed25519TestKeys ED = Ed25519TestKeys.fromSeed(utf8("an ed25519 seed of 32 bytes ...."));
    private static final long T0 = 1_700_000_000L;

    private static StandardWebhooksVerifier verifierAt(long now, String... secrets) {
        return StandardWebhooksVerifier.builder().secrets(List.of(secrets))
                .clock(Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC)).build();
    }

    @Test
    void rotationSignsWithEveryKeyAndEitherVerifies() {
        RequestSigner s = signer("standard_webhooks", Map.of("secrets", List.of(SECRET_A, SECRET_B, ED.whsk())));
        Map<String, String> h = sign(s, "{\"a\":1}", "msg_1", T0);
        String[] signatures = h.get("webhook-signature").split(" ");
        assertThat(signatures).hasSize(3);
        assertThat(signatures[0]).startsWith("v1,");
        assertThat(signatures[1]).startsWith("v1,").isNotEqualTo(signatures[0]);
        assertThat(signatures[2]).startsWith("v1a,");
        assertThat(signatures[0]).isEqualTo(
                sign(signer("standard_webhooks", Map.of("secret", SECRET_A)), "{\"a\":1}", "msg_1", T0)
                        .get("webhook-signature"));

        assertThat(verifierAt(T0, SECRET_A).isValid(h, utf8("{\"a\":1}"))).isTrue();
        assertThat(verifierAt(T0, SECRET_B).isValid(h, utf8("{\"a\":1}"))).isTrue();
        assertThat(verifierAt(T0, ED.whpk()).isValid(h, utf8("{\"a\":1}"))).isTrue();
        assertThat(verifierAt(T0, "whsec_" + Base64.getEncoder().encodeToString(utf8("a third key")))
                .isValid(h, utf8("{\"a\":1}"))).isFalse();
    }

    @Test
    void theSameIdOnEveryAttemptAndANewTimestampEachTime() {
        RequestSigner s = signer("standard_webhooks", Map.of("secret", SECRET_A));
        byte[] body = utf8("{\"event\":\"tool_success\"}");
        Map<String, String> first = sign(s, body, "dlv-42", Instant.ofEpochSecond(T0, 900_000_000));
        Map<String, String> retry = sign(s, body, "dlv-42", Instant.ofEpochSecond(T0 + 30));

        assertThat(retry.get("webhook-id")).isEqualTo(first.get("webhook-id")).isEqualTo("dlv-42");
        assertThat(first.get("webhook-timestamp")).isEqualTo(Long.toString(T0));
        assertThat(retry.get("webhook-timestamp")).isEqualTo(Long.toString(T0 + 30));
        assertThat(retry.get("webhook-signature")).isNotEqualTo(first.get("webhook-signature"));
        assertThat(verifierAt(T0, SECRET_A).isValid(first, body)).isTrue();
        assertThat(verifierAt(T0 + 30, SECRET_A).isValid(retry, body)).isTrue();
    }

    @Test
    void anEd25519KeyInTheSeedAndPublicKeyLayoutSignsAsItsSeed() {
        byte[] full = new byte[64];
        System.arraycopy(ED.seed, 0, full, 0, 32);
        System.arraycopy(ED.publicKey, 0, full, 32, 32);
        RequestSigner fromFull = signer("standard_webhooks",
                Map.of("secret", "whsk_" + Base64.getEncoder().encodeToString(full)));
        RequestSigner fromSeed = signer("standard_webhooks", Map.of("secret", ED.whsk()));
        assertThat(sign(fromFull, "x", "m", T0)).isEqualTo(sign(fromSeed, "x", "m", T0));

        full[40] ^= 1;
        assertThatThrownBy(() -> signer("standard_webhooks",
                Map.of("secret", "whsk_" + Base64.getEncoder().encodeToString(full))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("authentication.secret: an Ed25519 private key (whsk_) of 64 bytes must be");
    }

    @Test
    void concurrentSigningGivesTheSameSignaturesAsSequentialSigning() throws Exception {
        RequestSigner s = signer("standard_webhooks", Map.of("secrets", List.of(SECRET_A, ED.whsk())));
        RequestSigner hmac = signer("hmac", Map.of("hmac_secret", "test-secret", "hmac_algorithm", "sha384"));
        int n = 400;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(sign(s, "body " + i, "m" + i, T0 + i) + "|" + sign(hmac, "body " + i, "m" + i, T0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                tasks.add(() -> sign(s, "body " + k, "m" + k, T0 + k) + "|" + sign(hmac, "body " + k, "m" + k, T0));
            }
            List<String> actual = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(tasks)) {
                actual.add(f.get());
            }
            assertThat(actual).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }
}
