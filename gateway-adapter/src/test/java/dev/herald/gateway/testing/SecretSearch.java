package dev.herald.gateway.testing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Random secrets for leak tests, and a search of captured texts for each of them in every form it could leak in:
 * as given, and its bytes in hexadecimal and in base64 (standard and URL-safe, at each of the three alignments
 * a secret can have inside a longer encoded text).
 */
public final class SecretSearch {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Secret name to the forms searched for. */
    private final Map<String, List<String>> forms = new LinkedHashMap<>();

    /** A distinctive random string: the prefix and 20 random hex digits. */
    public static String randomText(String prefix) {
        return prefix + HexFormat.of().formatHex(randomBytes(10));
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Searches for the text and for its UTF-8 bytes' encodings. */
    public SecretSearch text(String name, String secret) {
        List<String> f = new ArrayList<>();
        f.add(secret);
        f.addAll(encodings(secret.getBytes(StandardCharsets.UTF_8)));
        forms.put(name, f);
        return this;
    }

    /** Searches for the key's encodings: hex and base64 (a {@code whsec_} secret's body is its base64). */
    public SecretSearch key(String name, byte[] key) {
        forms.put(name, encodings(key));
        return this;
    }

    /** Every {@code "<secret> as <form> in <label>"} found, for the labelled texts. */
    public List<String> leaks(Map<String, String> texts) {
        List<String> found = new ArrayList<>();
        texts.forEach((label, text) -> forms.forEach((name, fs) -> {
            for (String form : fs) {
                if (text != null && text.contains(form)) {
                    found.add(name + " as '" + form + "' in " + label);
                }
            }
        }));
        return found;
    }

    private static List<String> encodings(byte[] bytes) {
        List<String> out = new ArrayList<>();
        String hex = HexFormat.of().formatHex(bytes);
        out.add(hex);
        out.add(hex.toUpperCase(Locale.ROOT));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String encoded = encoder.withoutPadding().encodeToString(shifted);
                // Drop the characters that mix in bytes before or after the secret: they depend on its context.
                out.add(encoded.substring(shift == 0 ? 0 : 4, encoded.length() - 4));
            }
        }
        return out;
    }
}
