package dev.kqlhunt.lint;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Suggests the existing column closest to a name that does not exist. */
final class ColumnNames {

    private ColumnNames() {}

    /**
     * Returns the column closest to {@code name} by Levenshtein distance after lower-casing both
     * and removing {@code _}, if it is close enough: at most a quarter of the name's length, and
     * at least 1, edits away. Ties go to the first column in {@code columns}.
     */
    static Optional<String> closest(String name, Collection<String> columns) {
        String wanted = normalize(name);
        int limit = Math.max(1, wanted.length() / 4);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String column : columns) {
            int distance = distance(wanted, normalize(column));
            if (distance < bestDistance) {
                best = column;
                bestDistance = distance;
            }
        }
        return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
    }

    private static String normalize(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

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
