package dev.herald.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the fixed vectors copied into the test resources. */
public final class Vectors {
    private Vectors() {}

    /** The seed plugin's own outputs on fixed inputs. */
    public static JsonNode seedParity() {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/seed-parity.json")) {
            if (in == null) {
                throw new IllegalStateException("vectors/seed-parity.json is missing from the test resources");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
