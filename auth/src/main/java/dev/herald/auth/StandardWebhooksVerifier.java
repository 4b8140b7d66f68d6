package dev.herald.auth;

import dev.herald.auth.SignatureVerificationException.Reason;
import dev.herald.auth.internal.HeaderLookup;
import dev.herald.auth.internal.StandardWebhooksKeys;
import dev.herald.auth.internal.WebhookVerificationKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Verifies Standard Webhooks requests at a receiver: the {@code webhook-id}, {@code webhook-timestamp} and
 * {@code webhook-signature} headers against the exact body bytes.
 *
 * <p>Keys are {@code whsec_<base64>} (or the bare base64, as the reference libraries accept) for {@code v1}
 * HMAC-SHA256 signatures and {@code whpk_<base64>} for {@code v1a} Ed25519 signatures. Several keys may be given
 * during a rotation; a request passes when any of its space-separated signatures matches any key of the same
 * version. The timestamp must lie within the tolerance of the clock, either way, which bounds replays.
 * Comparisons are constant-time. Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * StandardWebhooksVerifier verifier = StandardWebhooksVerifier.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
 * verifier.verify(requestHeaders, rawBody); // throws SignatureVerificationException
 * }</pre>
 */
public final class StandardWebhooksVerifier {
    /** How far the timestamp may be from the receiver's clock unless configured otherwise. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String ID_HEADER = "webhook-id";
    private static final String TIMESTAMP_HEADER = "webhook-timestamp";
    private static final String SIGNATURE_HEADER = "webhook-signature";
    /** 18 digits cannot overflow a long, and reach far beyond any real clock. */
    private static final int MAX_TIMESTAMP_DIGITS = 18;

    private final List<WebhookVerificationKey> keys;
    private final long toleranceSeconds;
    private final Duration tolerance;
    private final Clock clock;

    private StandardWebhooksVerifier(Builder b) {
        if (b.secrets.isEmpty()) {
            throw new IllegalArgumentException("secrets: at least one key is needed");
        }
        List<WebhookVerificationKey> parsed = new ArrayList<>(b.secrets.size());
        for (int i = 0; i < b.secrets.size(); i++) {
            parsed.add(StandardWebhooksKeys.verificationKey(b.secrets.get(i), "secrets[" + i + "]"));
        }
        this.keys = List.copyOf(parsed);
        this.tolerance = b.tolerance;
        this.toleranceSeconds = b.tolerance.getSeconds();
        this.clock = b.clock;
    }

    /** A verifier for the keys, with the default tolerance and the system clock. */
    public static StandardWebhooksVerifier of(String... secrets) {
        return builder().secrets(List.of(secrets)).build();
    }

    /** A builder: keys, tolerance, clock. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a request.
     *
     * @param headers the request's headers; names are matched case-insensitively
     * @param body the exact bytes received, before any parsing
     * @throws SignatureVerificationException when the request must be refused
     */
    public void verify(Map<String, String> headers, byte[] body) throws SignatureVerificationException {
        Objects.requireNonNull(headers, "headers");
        verify(HeaderLookup.get(headers, ID_HEADER), HeaderLookup.get(headers, TIMESTAMP_HEADER),
                HeaderLookup.get(headers, SIGNATURE_HEADER), body);
    }

    /**
     * Verifies a request whose three headers the caller has read already.
     *
     * @param id the {@code webhook-id} value, or {@code null} when absent
     * @param timestamp the {@code webhook-timestamp} value, or {@code null} when absent
     * @param signatures the {@code webhook-signature} value, or {@code null} when absent
     * @param body the exact bytes received
     * @throws SignatureVerificationException when the request must be refused
     */
    public void verify(String id, String timestamp, String signatures, byte[] body)
            throws SignatureVerificationException {
        Objects.requireNonNull(body, "body");
        requirePresent(id, ID_HEADER);
        requirePresent(timestamp, TIMESTAMP_HEADER);
        requirePresent(signatures, SIGNATURE_HEADER);
        checkTimestamp(timestamp);
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] timestampBytes = timestamp.getBytes(StandardCharsets.US_ASCII);
        for (String candidate : signatures.split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma <= 0) {
                continue;
            }
            String version = candidate.substring(0, comma);
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(candidate.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (WebhookVerificationKey key : keys) {
                if (key.version().equals(version) && key.matches(signature, idBytes, timestampBytes, body)) {
                    return;
                }
            }
        }
        throw new SignatureVerificationException(Reason.NO_MATCHING_SIGNATURE,
                "no signature in " + SIGNATURE_HEADER + " matches a key (this receiver checks " + versions() + ")");
    }

    /** Whether the request verifies; for callers that only need a yes or no. */
    public boolean isValid(Map<String, String> headers, byte[] body) {
        try {
            verify(headers, body);
            return true;
        } catch (SignatureVerificationException e) {
            return false;
        }
    }

    private void checkTimestamp(String timestamp) throws SignatureVerificationException {
        if (timestamp.length() > MAX_TIMESTAMP_DIGITS || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SignatureVerificationException(Reason.MALFORMED_HEADER,
                    TIMESTAMP_HEADER + " is not a whole number of seconds since the epoch");
        }
        long sent = Long.parseLong(timestamp);
        long now = clock.instant().getEpochSecond();
        if (now - sent > toleranceSeconds) {
            throw new SignatureVerificationException(Reason.TIMESTAMP_OUT_OF_TOLERANCE,
                    TIMESTAMP_HEADER + " is " + (now - sent) + " s in the past, more than the tolerance of "
                            + toleranceSeconds + " s");
        }
        if (sent - now > toleranceSeconds) {
            throw new SignatureVerificationException(Reason.TIMESTAMP_OUT_OF_TOLERANCE,
                    TIMESTAMP_HEADER + " is " + (sent - now) + " s in the future, more than the tolerance of "
                            + toleranceSeconds + " s");
        }
    }

    private static void requirePresent(String value, String header) throws SignatureVerificationException {
        if (value == null || value.isEmpty()) {
            throw new SignatureVerificationException(Reason.MISSING_HEADER, header + " header is missing");
        }
    }

    private String versions() {
        return keys.stream().map(WebhookVerificationKey::version).distinct().collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "StandardWebhooksVerifier[keys=" + keys.size() + " (" + versions() + "), tolerance=" + tolerance + "]";
    }

    /** Builds a {@link StandardWebhooksVerifier}; keys are decoded and checked at {@link #build()}. */
    public static final class Builder {
        private final List<String> secrets = new ArrayList<>();
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Adds a key: {@code whsec_...}, bare base64 (HMAC, {@code v1}), or {@code whpk_...} (Ed25519, {@code v1a}). */
        public Builder secret(String secret) {
            secrets.add(Objects.requireNonNull(secret, "secret"));
            return this;
        }

        /** Adds several keys, as during a rotation. */
        public Builder secrets(Collection<String> more) {
            more.forEach(this::secret);
            return this;
        }

        /** How far the timestamp may be from the clock, either way; whole seconds count. */
        public Builder tolerance(Duration tolerance) {
            Objects.requireNonNull(tolerance, "tolerance");
            if (tolerance.isNegative()) {
                throw new IllegalArgumentException("tolerance: must not be negative, got " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /** The receiver's clock; tests fix it. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The verifier.
         *
         * @throws IllegalArgumentException when no key is given or a key does not decode; the message names the
         *     key's index ({@code secrets[1]}), never its text
         */
        public StandardWebhooksVerifier build() {
            return new StandardWebhooksVerifier(this);
        }
    }
}
