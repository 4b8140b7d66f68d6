package dev.herald.auth.internal;

import dev.herald.core.endpoint.HeaderRules;
import dev.herald.core.signing.RequestSigner;
import dev.herald.core.signing.SigningInput;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * The seed's {@code hmac} type: {@code <hmac_header>: <algorithm>=<lower-case hex HMAC of the body>}, keyed with
 * the secret's UTF-8 bytes, byte for byte what the seed sends for the algorithms it really supports.
 */
public final class SeedHmacSigner implements RequestSigner {
    private final String headerName;
    private final String valuePrefix;
    private final ThreadLocalMac mac;

    private SeedHmacSigner(HmacAlgorithm algorithm, String headerName, byte[] key) {
        this.headerName = headerName;
        this.valuePrefix = algorithm.configName() + "=";
        this.mac = new ThreadLocalMac(algorithm.jcaName(), key);
    }

    /** Reads {@code hmac_secret}, {@code hmac_algorithm} and {@code hmac_header}. */
    public static SeedHmacSigner fromSettings(AuthSettings settings) {
        String secret = settings.requiredString("hmac_secret");
        HmacAlgorithm algorithm = HmacAlgorithm.fromConfig(
                settings.string("hmac_algorithm", "sha256"), AuthSettings.where("hmac_algorithm"));
        String header = settings.string("hmac_header", "X-Signature");
        HeaderRules.requireConfigurableName(header, AuthSettings.where("hmac_header"));
        return new SeedHmacSigner(algorithm, header, secret.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void sign(SigningInput input, BiConsumer<String, String> headers) {
        headers.accept(headerName, HexText.prefixed(valuePrefix, mac.mac(input.body())));
    }

    @Override
    public String toString() {
        return "SeedHmacSigner[type=hmac, header=" + headerName + "]";
    }
}
