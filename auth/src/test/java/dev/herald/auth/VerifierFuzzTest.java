package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.core.signing.RequestSigner;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whatever a request carries, a verifier accepts it or refuses it with a {@link SignatureVerificationException},
 * never another exception; and it accepts only what the sender's own signer would have sent.
 *
 * <p>An input is fields separated by the byte {@code 0x1E}: for Standard Webhooks the id, the timestamp and the
 * signature header, for the seed's scheme the signature header, read as CESU-8 (UTF-8 in which a surrogate is
 * encoded on its own, so that a seed can hold a lone one); the rest is the body, as raw bytes. Some seeds are
 * requests really signed at {@link #NOW}, so that the fuzzer starts from the accepting paths too.
 */
class VerifierFuzzTest {
    static final long NOW = 1_767_225_600L;
    private static final Charset CESU_8 = Charset.forName("CESU-8");
    private static final byte SEPARATOR = 0x1e;
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Ed25519TestKeys ED = Ed25519TestKeys.fromSeed(Signing.utf8("verifier fuzz test ed25519 seed!"));
    static final RequestSigner STANDARD_WEBHOOKS =
            Signing.signer("standard_webhooks", Map.of("secrets", List.of(WHSEC, ED.whsk())));
    private static final StandardWebhooksVerifier STANDARD_VERIFIER = StandardWebhooksVerifier.builder()
            .secret(WHSEC).secret(ED.whpk()).clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)).build();
    static final String SEED_SECRET = "seed-hmac-fuzz-secret";
    static final RequestSigner SEED_HMAC = Signing.signer("hmac", Map.of("hmac_secret", SEED_SECRET));
    private static final SeedHmacVerifier SEED_VERIFIER = SeedHmacVerifier.of(SEED_SECRET);

    @FuzzTest(maxDuration = "120s")
    void standardWebhooksAcceptsOnlyWhatWasSigned(byte[] input) {
        Fields f = Fields.of(input, 3);
        Map<String, String> headers = new HashMap<>();
        headers.put("Webhook-Id", f.text(0));
        headers.put("webhook-timestamp", f.text(1));
        headers.put("WEBHOOK-SIGNATURE", f.text(2));
        boolean accepted;
        try {
            STANDARD_VERIFIER.verify(headers, f.body());
            accepted = true;
        } catch (SignatureVerificationException e) {
            assertThat(e.getMessage()).isNotBlank();
            accepted = false;
        }
        assertThat(STANDARD_VERIFIER.isValid(headers, f.body())).isEqualTo(accepted);
        if (accepted) {
            // What was accepted carries a signature the sender computes for exactly this id, time and body.
            Map<String, String> signed = Signing.sign(STANDARD_WEBHOOKS, f.body(), f.text(0),
                    Instant.ofEpochSecond(Long.parseLong(f.text(1))));
            assertThat(f.text(1)).isEqualTo(signed.get("webhook-timestamp"));
            assertThat(decoded(signed.get("webhook-signature"))).containsAnyElementsOf(decoded(f.text(2)));
        }
    }

    @FuzzTest(maxDuration = "120s")
    void seedHmacAcceptsOnlyWhatWasSigned(byte[] input) {
        Fields f = Fields.of(input, 1);
        boolean accepted;
        try {
            SEED_VERIFIER.verify(Map.of("x-signature", f.text(0)), f.body());
            accepted = true;
        } catch (SignatureVerificationException e) {
            assertThat(e.getMessage()).isNotBlank();
            accepted = false;
        }
        assertThat(SEED_VERIFIER.isValid(Map.of("X-Signature", f.text(0)), f.body())).isEqualTo(accepted);
        if (accepted) {
            String signed = Signing.sign(SEED_HMAC, f.body(), "any", Instant.EPOCH).get("X-Signature");
            assertThat(f.text(0)).isEqualToIgnoringCase(signed);
        }
    }

    /** The version and bytes of each signature in a header, as the verifier reads them. */
    private static List<String> decoded(String header) {
        List<String> out = new ArrayList<>();
        for (String candidate : header.split(" ")) {
            int comma = candidate.indexOf(',');
            try {
                out.add(candidate.substring(0, Math.max(comma, 0)) + Arrays.toString(
                        java.util.Base64.getDecoder().decode(candidate.substring(comma + 1))));
            } catch (IllegalArgumentException notBase64) {
                // Skipped by the verifier too.
            }
        }
        return out;
    }

    /** The first {@code count} fields as text, the rest of the input as the body. */
    private record Fields(List<String> texts, byte[] body) {
        static Fields of(byte[] input, int count) {
            List<String> texts = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < count; i++) {
                int end = start;
                while (end < input.length && input[end] != SEPARATOR) {
                    end++;
                }
                texts.add(new String(input, start, end - start, CESU_8));
                start = Math.min(end + 1, input.length);
            }
            return new Fields(texts, Arrays.copyOfRange(input, start, input.length));
        }

        String text(int i) {
            return texts.get(i);
        }
    }
}
