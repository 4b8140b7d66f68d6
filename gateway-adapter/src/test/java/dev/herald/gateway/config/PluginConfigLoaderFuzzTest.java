package dev.herald.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whatever a config file holds, the loader loads it or refuses it with a {@link ConfigException} whose every line
 * is readable: never another exception, never a hang (Jazzer's per-input timeout catches those when fuzzing).
 * The seeds are under {@code PluginConfigLoaderFuzzTestInputs}: a real config, YAML bombs, deep nesting, huge
 * numbers, invalid UTF-8, NULs and lone surrogates.
 *
 * <p>Bytes that are not UTF-8 must be refused as a file; as text handed to {@code loadString} they are read as
 * CESU-8, in which a surrogate is encoded on its own, so that a seed can hold a lone one.
 */
class PluginConfigLoaderFuzzTest {
    /** Longer than any message the loader means to write; a longer one echoes too much of the input. */
    private static final int MAX_ERROR_CHARS = 2000;
    private static final Charset CESU_8 = Charset.forName("CESU-8");
    private static final Map<String, String> ENV = Map.of("SECRET", "s3cret-from-env", "RETRIES", "2",
            "WHSEC", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    @FuzzTest(maxDuration = "120s")
    void anyTextLoadsOrIsRefusedWithReadableErrors(byte[] input) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(input)).toString();
        } catch (CharacterCodingException notUtf8) {
            Path file = Files.createTempFile("herald-fuzz", ".yaml");
            try {
                Files.write(file, input);
                assertThatThrownBy(() -> PluginConfigLoader.load(file, null, ENV))
                        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                                .containsExactly(file + ": not UTF-8 text"));
            } finally {
                Files.delete(file);
            }
            text = new String(input, CESU_8);
        }
        loadsOrIsRefused(text);
    }

    private static void loadsOrIsRefused(String yaml) {
        try {
            LoadedPluginConfig loaded = PluginConfigLoader.loadString(yaml, "fuzz.yaml", null, ENV);
            assertThat(loaded.herald()).isNotNull();
        } catch (ConfigException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(PluginConfigLoaderFuzzTest::readable);
        }
    }

    private static void readable(String error) {
        assertThat(error).isNotBlank().hasSizeLessThanOrEqualTo(MAX_ERROR_CHARS).contains(": ");
        assertThat(error.chars().filter(c -> c < 0x20 || c == 0x7f)).as("control characters in %s", error).isEmpty();
        assertThat(error).doesNotContain("s3cret-from-env");
    }
}
