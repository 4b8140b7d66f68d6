package dev.herald.auth;

import dev.herald.auth.SignatureVerificationException.Reason;
import dev.herald.auth.internal.HeaderLookup;
import dev.herald.auth.internal.HmacAlgorithm;
import dev.herald.auth.internal.ThreadLocalMac;
import dev.herald.core.endpoint.HeaderRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies the seed plugin's {@code hmac} scheme at a receiver: a header (by default {@code X-Signature}) of the
 * form {@code <algorithm>=<hex HMAC of the exact body>}, keyed with the secret's UTF-8 bytes.
 *
 * <p>The algorithm is the receiver's choice, never the header's, so a sender cannot downgrade it. This scheme
 * signs no timestamp, so unlike {@link StandardWebhooksVerifier} it cannot refuse a replayed request. Several
 * secrets may be given during a rotation. Comparisons are constant-time; instances are thread-safe.
 */
public final class SeedHmacVerifier {
    private static final HexFormat HEX = HexFormat.of();

    private final HmacAlgorithm algorithm;
    private final String headerName;
    private final String prefix;
    private final List<ThreadLocalMac> macs;

    private SeedHmacVerifier(Builder b) {
        if (b.secrets.isEmpty()) {
            throw new IllegalArgumentException("secret: at least one is needed");
        }
        this.algorithm = HmacAlgorithm.fromConfig(b.algorithm, "algorithm");
        HeaderRules.requireValidName(b.headerName, "header");
        this.headerName = b.headerName;
        this.prefix = algorithm.configName() + "=";
        List<ThreadLocalMac> keyed = new ArrayList<>(b.secrets.size());
        for (int i = 0; i < b.secrets.size(); i++) {
            String secret = b.secrets.get(i);
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("secret[" + i + "]: must not be empty");
            }
            keyed.add(new ThreadLocalMac(algorithm.jcaName(), secret.getBytes(StandardCharsets.UTF_8)));
        }
        this.macs = List.copyOf(keyed);
    }

    /** A verifier of {@code X-Signature: sha256=<hex>}, the seed's defaults. */
    public static SeedHmacVerifier of(String secret) {
        return builder().secret(secret).build();
    }

    /** A builder: secrets, algorithm, header name. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies a request.
     *
     * @param headers the request's headers; names are matched case-insensitively
     * @param body the exact bytes received
     * @throws SignatureVerificationException when the request must be refused
     */
    public void verify(Map<String, String> headers, byte[] body) throws SignatureVerificationException {
        Objects.requireNonNull(headers, "headers");
        verifySignature(HeaderLookup.get(headers, headerName), body);
    }

    /**
     * Verifies a signature header's value the caller has read already.
     *
     * @param headerValue the value, {@code <algorithm>=<hex>}, or {@code null} when absent
     * @param body the exact bytes received
     * @throws SignatureVerificationException when the request must be refused
     */
    public void verifySignature(String headerValue, byte[] body) throws SignatureVerificationException {
        Objects.requireNonNull(body, "body");
        if (headerValue == null || headerValue.isEmpty()) {
            throw new SignatureVerificationException(Reason.MISSING_HEADER, headerName + " header is missing");
        }
        if (!headerValue.startsWith(prefix)) {
            throw new SignatureVerificationException(Reason.MALFORMED_HEADER,
                    headerName + " does not start with " + prefix + ", the algorithm this receiver expects");
        }
        byte[] given;
        try {
            given = HEX.parseHex(headerValue, prefix.length(), headerValue.length());
        } catch (IllegalArgumentException e) {
            throw new SignatureVerificationException(Reason.MALFORMED_HEADER,
                    headerName + " does not hold a hex digest after " + prefix);
        }
        for (ThreadLocalMac mac : macs) {
            if (MessageDigest.isEqual(mac.mac(body), given)) {
                return;
            }
        }
        throw new SignatureVerificationException(Reason.NO_MATCHING_SIGNATURE,
                headerName + " does not match the body under any key");
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

    @Override
    public String toString() {
        return "SeedHmacVerifier[algorithm=" + algorithm.configName() + ", header=" + headerName + ", keys="
                + macs.size() + "]";
    }

    /** Builds a {@link SeedHmacVerifier}; settings are checked at {@link #build()}. */
    public static final class Builder {
        private final List<String> secrets = new ArrayList<>();
        private String algorithm = "sha256";
        private String headerName = "X-Signature";

        private Builder() {}

        /** Adds a secret, as configured at the sender ({@code hmac_secret}); add several during a rotation. */
        public Builder secret(String secret) {
            secrets.add(Objects.requireNonNull(secret, "secret"));
            return this;
        }

        /** {@code sha256} (the default), {@code sha384}, {@code sha512}, or {@code sha1} for legacy senders. */
        public Builder algorithm(String algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** The header carrying the signature, {@code X-Signature} by default. */
        public Builder header(String headerName) {
            this.headerName = Objects.requireNonNull(headerName, "header");
            return this;
        }

        /**
         * The verifier.
         *
         * @throws IllegalArgumentException for no or an empty secret, an unknown algorithm or a bad header name
         */
        public SeedHmacVerifier build() {
            return new SeedHmacVerifier(this);
        }
    }
}
