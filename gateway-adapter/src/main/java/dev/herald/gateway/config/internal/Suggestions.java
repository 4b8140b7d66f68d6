package dev.herald.gateway.config.internal;

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

    /** The known word nearest to {@code word}, however far: for messages that always name one. */
    static String closest(String word, Collection<String> known) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(w, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** {@code " (did you mean 'x'?)"}, or nothing. */
    static String hint(String word, Collection<String> known) {
        return nearest(word, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each count
     * one, since swapped letters are the commonest typo.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
