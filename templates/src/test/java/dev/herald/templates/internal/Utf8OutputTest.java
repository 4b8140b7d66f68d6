package dev.herald.templates.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8OutputTest {

    private static byte[] write(String... parts) throws IOException {
        Utf8Output out = new Utf8Output(1 << 20);
        for (String p : parts) {
            out.write(p);
        }
        return out.toByteArray();
    }

    @Test
    void encodesLikeTheJdkForWellFormedText() throws IOException {
        String text = "ascii é ✓ 日本 \uD83D\uDE00 " + "x".repeat(3000) + "é".repeat(700);
        assertThat(write(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void surrogatePairSplitAcrossWritesStaysOneCharacter() throws IOException {
        assertThat(write("a\uD83D", "\uDE00b")).isEqualTo("a\uD83D\uDE00b".getBytes(StandardCharsets.UTF_8));
        Utf8Output out = new Utf8Output(100);
        out.write('\uD83D');
        out.write(new char[] {'\uDE00'}, 0, 1);
        assertThat(out.toByteArray()).isEqualTo("\uD83D\uDE00".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void textEncodedAheadGivesTheBytesWritingItWould() {
        // Any text between any two writes, surrogates included: where encoding ahead could change a pairing, it
        // declines and the text is written as text.
        qt().withExamples(3000).forAll(strings().allPossible().ofLengthBetween(0, 6),
                strings().allPossible().ofLengthBetween(0, 6), strings().allPossible().ofLengthBetween(0, 6))
                .checkAssert((before, middle, after) -> {
                    try {
                        Utf8Output expected = new Utf8Output(1000);
                        expected.write(before);
                        expected.write(middle);
                        expected.write(after);
                        Utf8Output actual = new Utf8Output(1000);
                        actual.write(before);
                        byte[] encoded = Utf8Output.encode(middle, 0, middle.length());
                        if (encoded != null) {
                            actual.writeEncoded(encoded);
                        } else {
                            actual.write(middle);
                        }
                        actual.write(after);
                        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    @Test
    void encodedTextCountsAgainstTheCap() throws IOException {
        Utf8Output out = new Utf8Output(10);
        out.write("12345");
        assertThatThrownBy(() -> out.writeEncoded(Utf8Output.encode("678901", 0, 6)))
                .isInstanceOf(Utf8Output.OutputTooLargeException.class);
        assertThat(out.overflowed()).isTrue();
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharacters() throws IOException {
        assertThat(new String(write("a\uD800b", "\uDC00", "c\uDBFF"), StandardCharsets.UTF_8))
                .isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
        assertThat(new String(write("\uD800\uD800\uDC00"), StandardCharsets.UTF_8)).isEqualTo("\uFFFD\uD800\uDC00");
    }

    @Test
    void stopsAtTheCap() throws IOException {
        Utf8Output out = new Utf8Output(10);
        out.write("0123456789");
        assertThat(out.toByteArray()).hasSize(10);
        assertThatThrownBy(() -> out.write("é")).isInstanceOf(Utf8Output.OutputTooLargeException.class);
        assertThat(out.overflowed()).isTrue();
        Utf8Output big = new Utf8Output(1000);
        assertThatThrownBy(() -> big.write("y".repeat(5000))).hasMessageContaining("exceeds 1000 bytes");
    }

    @Test
    void perThreadWriterIsReusedAndNotSharedWhileInUse() throws IOException {
        Utf8Output first = Utf8Output.acquire(100);
        first.write("abc");
        Utf8Output nested = Utf8Output.acquire(100);
        assertThat(nested).isNotSameAs(first);
        nested.release();
        assertThat(first.toByteArray()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
        first.release();
        Utf8Output again = Utf8Output.acquire(50);
        assertThat(again).isSameAs(first);
        assertThat(again.toByteArray()).isEmpty();
        assertThat(again.limit()).isEqualTo(50);
        again.release();
    }
}
