package dev.kqlhunt.lint;

import dev.kqlhunt.kql.KqlStrings;
import dev.kqlhunt.lint.PredicateLogic.Truth;
import dev.kqlhunt.lint.StringTest.Kind;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides a string test on a column from another test on the same column, the fact: whether
 * every value that passes the fact passes the test (TRUE), none does (FALSE), or it depends on
 * the value (UNKNOWN). TRUE and FALSE are returned only when proven.
 *
 * <p>The case-insensitive comparison of {@link KqlStrings} matches character by character, and
 * "matches ignoring case" is an equivalence relation on characters: ASCII letters pair with their
 * other case, and characters outside ASCII group by {@link Character#toUpperCase(char)}. A value
 * that passes {@code =~ a} therefore has a's length and, at each position, a character equivalent
 * to a's, so every case-insensitive test gives the same answer for it as for {@code a}. A
 * case-sensitive test gives the same answer only where the characters it compares have no other
 * case.
 */
final class StringImplication {

    /** The characters that match another character ignoring case. */
    private static final BitSet CASED = casedCharacters();

    private StringImplication() {}

    private static BitSet casedCharacters() {
        BitSet cased = new BitSet(Character.MAX_VALUE + 1);
        Map<Character, Integer> firstByUpper = new HashMap<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char character = (char) c;
            if (c < 0x80) {
                if (Character.isLetter(character)) {
                    cased.set(c);
                }
                continue;
            }
            Integer first = firstByUpper.putIfAbsent(Character.toUpperCase(character), c);
            if (first != null) {
                cased.set(first);
                cased.set(c);
            }
        }
        return cased;
    }

    /** Returns what every value that passes {@code fact} gives for {@code test}. */
    static Truth given(StringTest fact, StringTest test) {
        if (fact.negated()) {
            // not(F) and P(s) cannot both hold when P implies F; not(F) implies not(P) then.
            if (guaranteed(test.positive(), fact.positive())) {
                return test.negated() ? Truth.TRUE : Truth.FALSE;
            }
            return Truth.UNKNOWN;
        }
        Truth positive = Truth.UNKNOWN;
        if (guaranteed(fact, test.positive())) {
            positive = Truth.TRUE;
        } else if (impossible(fact, test.positive())) {
            positive = Truth.FALSE;
        }
        return test.negated() ? PredicateLogic.negate(positive) : positive;
    }

    /** Returns whether every value that passes the positive {@code fact} passes {@code test}. */
    private static boolean guaranteed(StringTest fact, StringTest test) {
        String a = fact.literal();
        String b = test.literal();
        if (b.isEmpty() && test.kind() != Kind.EQUALS) {
            return true;
        }
        if (b.length() > a.length()) {
            return false;
        }
        int last = a.length() - b.length();
        return switch (test.kind()) {
            case EQUALS -> fact.kind() == Kind.EQUALS && last == 0
                    && regionGuaranteed(fact, 0, test);
            case STARTS -> (fact.kind() == Kind.EQUALS || fact.kind() == Kind.STARTS)
                    && regionGuaranteed(fact, 0, test);
            case ENDS -> (fact.kind() == Kind.EQUALS || fact.kind() == Kind.ENDS)
                    && regionGuaranteed(fact, last, test);
            case CONTAINS -> containsGuaranteed(fact, test, last);
        };
    }

    private static boolean containsGuaranteed(StringTest fact, StringTest test, int last) {
        for (int offset = 0; offset <= last; offset++) {
            if (regionGuaranteed(fact, offset, test)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns whether every value that the fact's literal stands for has the test's literal at
     * {@code offset} of the fact's literal, compared as the test compares.
     */
    private static boolean regionGuaranteed(StringTest fact, int offset, StringTest test) {
        String a = fact.literal();
        String b = test.literal();
        for (int i = 0; i < b.length(); i++) {
            char x = a.charAt(offset + i);
            char y = b.charAt(i);
            boolean same = test.ignoreCase()
                    ? KqlStrings.equalsIgnoreCase(x, y)
                    : x == y && !(fact.ignoreCase() && CASED.get(x));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns whether no value passes both the positive {@code fact} and the positive {@code
     * test}. When either ignores case both are compared ignoring case, which can only let more
     * values pass, so a proof that no value passes stays valid.
     */
    private static boolean impossible(StringTest fact, StringTest test) {
        boolean ignoreCase = fact.ignoreCase() || test.ignoreCase();
        String a = fact.literal();
        String b = test.literal();
        return switch (fact.kind()) {
            // Every case-insensitive test has the same result for each value equivalent to a.
            case EQUALS -> !new StringTest("", test.kind(), ignoreCase, false, b).holds(a);
            case STARTS -> switch (test.kind()) {
                case EQUALS -> !startsWith(b, a, ignoreCase);
                case STARTS -> !startsWith(b, a, ignoreCase) && !startsWith(a, b, ignoreCase);
                default -> false;
            };
            case ENDS -> switch (test.kind()) {
                case EQUALS -> !endsWith(b, a, ignoreCase);
                case ENDS -> !endsWith(b, a, ignoreCase) && !endsWith(a, b, ignoreCase);
                default -> false;
            };
            case CONTAINS -> test.kind() == Kind.EQUALS
                    && !(ignoreCase ? KqlStrings.containsIgnoreCase(b, a) : b.contains(a));
        };
    }

    private static boolean startsWith(String s, String prefix, boolean ignoreCase) {
        return ignoreCase ? KqlStrings.startsWithIgnoreCase(s, prefix) : s.startsWith(prefix);
    }

    private static boolean endsWith(String s, String suffix, boolean ignoreCase) {
        return ignoreCase ? KqlStrings.endsWithIgnoreCase(s, suffix) : s.endsWith(suffix);
    }
}
