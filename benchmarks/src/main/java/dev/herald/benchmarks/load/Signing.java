package dev.herald.benchmarks.load;

import dev.herald.core.endpoint.AuthSpec;
import java.util.Locale;
import java.util.Map;

/** How the load driver authenticates each request; the same settings serve Herald and the baseline. */
public enum Signing {
    /** No authentication header. */
    NONE,
    /** The seed's {@code hmac} type, SHA-256, with the secret the seed's peer run uses. */
    HMAC,
    /** Standard Webhooks {@code v1} (HMAC-SHA256) with a {@code whsec_} secret. */
    STANDARD;

    /** The seed peer's secret, so that both sides sign the same way with the same key. */
    public static final String HMAC_SECRET = "s3cret";
    /** A fixed Standard Webhooks secret: the driver is a measurement tool, not a deployment. */
    public static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /** The endpoint's {@code authentication} block. */
    public AuthSpec authSpec() {
        return switch (this) {
            case NONE -> AuthSpec.NONE;
            case HMAC -> AuthSpec.of("hmac", Map.of("hmac_secret", HMAC_SECRET, "hmac_algorithm", "sha256"));
            case STANDARD -> AuthSpec.of("standard_webhooks", Map.of("secret", STANDARD_SECRET));
        };
    }

    /** The name on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code none}, {@code hmac} or {@code standard}, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Signing parse(String text) {
        for (Signing s : values()) {
            if (s.cliName().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("expected none, hmac or standard, got '" + text + "'");
    }
}
