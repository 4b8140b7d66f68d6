package dev.herald.gateway.config.internal;

import dev.herald.gateway.internal.NearestWord;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The nearest known word to a misspelt one, by edit distance, for {@code did you mean ...?} hints. */
final class Suggestions {
    private Suggestions() {}

    /** The known word nearest to {@code word}, if it is near enough to be a likely typo. */
    static Optional<String> nearest(String word, Collection<String> known) {
        String best = closest(word, known);
        // A third of the word's length: 'retry_dealy' finds 'retry_delay', 'foo' finds nothing.
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return best != null && distance(word.toLowerCase(Locale.ROOT), best.toLowerCase(Locale.ROOT)) <= allowed
                ? Optional.of(best) : Optional.empty();
    }

    /** The known word nearest to {@code word}, however far: for messages that always name one; null if none. */
    static String closest(String word, Collection<String> known) {
        return known.isEmpty() ? null : NearestWord.of(word, known);
    }

    /** {@code " (did you mean 'x'?)"}, or nothing. */
    static String hint(String word, Collection<String> known) {
        return nearest(word, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    static int distance(String a, String b) {
        return NearestWord.distance(a, b);
    }
}
