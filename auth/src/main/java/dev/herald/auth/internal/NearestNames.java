package dev.herald.auth.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Orders known names by how close each is to what the user wrote, so that an error shows the likely fix first. */
public final class NearestNames {
    private NearestNames() {}

    /** The names, nearest to {@code written} first (edit distance), ties in alphabetical order. */
    public static List<String> nearestFirst(String written, Collection<String> names) {
        String target = written == null ? "" : written;
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.<String>comparingInt(name -> distance(target, name)).thenComparing(name -> name));
        return sorted;
    }

    /** Levenshtein distance, on two rows since only the last one is needed. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
