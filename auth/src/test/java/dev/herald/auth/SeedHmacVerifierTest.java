package dev.herald.auth;

import static dev.herald.auth.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.auth.SignatureVerificationException.Reason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedHmacVerifierTest {
    private static final byte[] BODY = utf8("{\"test\": \"data\"}");
    private static final String VALUE = "sha256=b4820cec871eff53285edfbf9e7cd0081e8e5cca759fa3b0453d9023489421a3";
    private static final SeedHmacVerifier VERIFIER = SeedHmacVerifier.of("test-secret");

    private static void refused(SeedHmacVerifier v, Map<String, String> headers, byte[] body, Reason reason) {
        assertThatThrownBy(() -> v.verify(headers, body))
                .isInstanceOfSatisfying(SignatureVerificationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).doesNotContain("test-secret", "b4820cec");
                });
    }

    @Test
    void acceptsTheSeedsHeaderWhateverTheNameCaseOrHexCase() {
        assertThatCode(() -> VERIFIER.verify(Map.of("x-signature", VALUE), BODY)).doesNotThrowAnyException();
        assertThat(VERIFIER.isValid(Map.of("X-Signature", "sha256=" + VALUE.substring(7).toUpperCase()), BODY))
                .isTrue();
    }

    @Test
    void refusals() {
        refused(VERIFIER, Map.of(), BODY, Reason.MISSING_HEADER);
        refused(VERIFIER, Map.of("X-Signature", ""), BODY, Reason.MISSING_HEADER);
        refused(VERIFIER, Map.of("X-Signature", VALUE.substring(7)), BODY, Reason.MALFORMED_HEADER);
        refused(VERIFIER, Map.of("X-Signature", "sha256=xyz"), BODY, Reason.MALFORMED_HEADER);
        refused(VERIFIER, Map.of("X-Signature", "sha1=" + VALUE.substring(7)), BODY, Reason.MALFORMED_HEADER);
        refused(VERIFIER, Map.of("X-Signature", VALUE), utf8("{\"test\": \"date\"}"), Reason.NO_MATCHING_SIGNATURE);
        refused(VERIFIER, Map.of("X-Signature", VALUE.substring(0, VALUE.length() - 2)), BODY,
                Reason.NO_MATCHING_SIGNATURE);
        refused(SeedHmacVerifier.of("other-secret"), Map.of("X-Signature", VALUE), BODY,
                Reason.NO_MATCHING_SIGNATURE);
    }

    @Test
    void rotationAcceptsAnyConfiguredSecret() {
        SeedHmacVerifier v = SeedHmacVerifier.builder().secret("new-secret").secret("test-secret").build();
        assertThat(v.isValid(Map.of("X-Signature", VALUE), BODY)).isTrue();
    }

    @Test
    void anOwnAlgorithmAndHeader() {
        SeedHmacVerifier v = SeedHmacVerifier.builder().secret("It's a Secret to Everybody").algorithm("sha256")
                .header("X-Hub-Signature-256").build();
        assertThat(v.isValid(Map.of("X-Hub-Signature-256",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"), utf8("Hello, World!")))
                .isTrue();
        assertThat(v.isValid(Map.of("X-Signature",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"), utf8("Hello, World!")))
                .isFalse();
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> SeedHmacVerifier.builder().secret("s").algorithm("md5").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("algorithm: must be one of sha256, sha384, sha512, sha1, got 'md5'");
        assertThatThrownBy(() -> SeedHmacVerifier.builder().secret("s").header("X-A\r\nB").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("header: ");
        assertThatThrownBy(() -> SeedHmacVerifier.of("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secret[0]: must not be empty");
        assertThatThrownBy(() -> SeedHmacVerifier.builder().build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNoSecret() {
        assertThat(VERIFIER.toString()).contains("sha256", "X-Signature").doesNotContain("test-secret");
    }
}
