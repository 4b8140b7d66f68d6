package dev.herald.auth.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The HMAC digests the seed's {@code hmac} scheme may name. MD5 and anything else are refused: the seed would
 * silently sign with SHA-256 under the wrong name, which no receiver can verify.
 */
public enum HmacAlgorithm {
    SHA256("sha256", "HmacSHA256"),
    SHA384("sha384", "HmacSHA384"),
    SHA512("sha512", "HmacSHA512"),
    /** Only for legacy receivers, and only when named explicitly; never a default. */
    SHA1("sha1", "HmacSHA1");

    private static final String NAMES =
            Arrays.stream(values()).map(HmacAlgorithm::configName).collect(Collectors.joining(", "));

    private final String configName;
    private final String jcaName;

    HmacAlgorithm(String configName, String jcaName) {
        this.configName = configName;
        this.jcaName = jcaName;
    }

    /** The name as written in config and in the header value's prefix. */
    public String configName() {
        return configName;
    }

    /** The name the JDK's {@code Mac.getInstance} knows. */
    public String jcaName() {
        return jcaName;
    }

    /**
     * The algorithm with the config name, exactly as the seed spells it.
     *
     * @param where the config key to name in the error
     * @throws IllegalArgumentException for any other name
     */
    public static HmacAlgorithm fromConfig(String name, String where) {
        for (HmacAlgorithm a : values()) {
            if (a.configName.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException(where + ": must be one of " + NAMES + ", got " + ConfigText.quote(name));
    }
}
