package dev.kqlhunt.events;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Tells, from the raw JSON text of a record, that no rule can match it, so that the record need
 * not be parsed.
 *
 * <p>Each rule gives a condition: groups of literals, and a record can match the rule only when
 * every group has a literal that the text contains, compared case-insensitively the way KQL's
 * string operators compare: ordinal, and a character outside ASCII never equals an ASCII one
 * (see {@link dev.kqlhunt.kql.KqlStrings}). Literals are printable ASCII without the characters a
 * JSON encoder could write differently. {@link #mayMatch} is false only when the text meets no
 * rule's condition and is decidable: text with a {@code &#92;u} escape is always passed on to the
 * parser.
 *
 * <p>Matching is a Boyer-Moore-Horspool search per literal with ASCII case folding, over the
 * text copied once into a reused {@code char} array. An instance is therefore not thread-safe:
 * each parallel parser gets its own copy when the job is deserialized.
 */
public final class LinePrefilter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Literal[][][] conditions;
    private transient char[] chars;

    /**
     * @param conditions per rule, the groups of literals; a record may match when for some rule
     *     every group has a literal the text contains
     */
    public LinePrefilter(List<List<List<String>>> conditions) {
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("a prefilter needs at least one condition");
        }
        this.conditions = new Literal[conditions.size()][][];
        for (int r = 0; r < conditions.size(); r++) {
            List<List<String>> groups = new ArrayList<>(conditions.get(r));
            if (groups.isEmpty()) {
                throw new IllegalArgumentException("condition " + r + " has no group");
            }
            // Groups with long literals are usually the rarest; testing them first rejects sooner.
            groups.sort(Comparator.comparingInt(LinePrefilter::shortest).reversed());
            Literal[][] compiled = new Literal[groups.size()][];
            for (int g = 0; g < groups.size(); g++) {
                compiled[g] = groups.get(g).stream().map(Literal::new).toArray(Literal[]::new);
                if (compiled[g].length == 0) {
                    throw new IllegalArgumentException("condition " + r + " has an empty group");
                }
            }
            this.conditions[r] = compiled;
        }
    }

    private static int shortest(List<String> group) {
        return group.stream().mapToInt(String::length).min().orElse(0);
    }

    /** Returns false only when no rule can match a record with this JSON text. */
    public boolean mayMatch(String text) {
        int length = text.length();
        if (chars == null || chars.length < length) {
            chars = new char[Math.max(length, 4096)];
        }
        text.getChars(0, length, chars, 0);
        for (Literal[][] condition : conditions) {
            if (meets(condition, chars, length)) {
                return true;
            }
        }
        return text.indexOf("\\u") >= 0;
    }

    private static boolean meets(Literal[][] condition, char[] text, int length) {
        for (Literal[] group : condition) {
            if (!anyFound(group, text, length)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyFound(Literal[] group, char[] text, int length) {
        for (Literal literal : group) {
            if (literal.foundIn(text, length)) {
                return true;
            }
        }
        return false;
    }

    /** One literal, folded to ASCII lower case, with its Horspool shift table. */
    private static final class Literal implements Serializable {

        private static final long serialVersionUID = 1L;

        private final char[] folded;
        private final int[] shift = new int[128];

        Literal(String text) {
            folded = new char[text.length()];
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException(
                            "prefilter literals must be printable ASCII: " + text);
                }
                folded[i] = fold(c);
            }
            int m = folded.length;
            java.util.Arrays.fill(shift, m);
            for (int i = 0; i < m - 1; i++) {
                char c = folded[i];
                shift[c] = m - 1 - i;
                shift[Character.toUpperCase(c)] = m - 1 - i;
            }
        }

        private static char fold(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }

        boolean foundIn(char[] text, int n) {
            int m = folded.length;
            char last = folded[m - 1];
            int i = m - 1;
            while (i < n) {
                char c = text[i];
                if (c >= 0x80) {
                    i += m;
                    continue;
                }
                if (fold(c) == last && matchesBefore(text, i)) {
                    return true;
                }
                i += shift[c];
            }
            return false;
        }

        private boolean matchesBefore(char[] text, int end) {
            for (int j = folded.length - 2, k = end - 1; j >= 0; j--, k--) {
                char c = text[k];
                if (c >= 0x80 || fold(c) != folded[j]) {
                    return false;
                }
            }
            return true;
        }
    }
}
