package dev.kqlhunt.lint;

import dev.kqlhunt.lint.PredicateLogic.Truth;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * String tests that every row passes, by column: what a rule's query requires of its results,
 * or the values of one result. A test of an exclusion on such a column can then be true or false
 * for every row.
 */
final class ColumnFacts {

    /**
     * One requirement on a column: the value passes at least one of {@code alternatives}, as for
     * {@code Computer in~ ("a", "b")}.
     *
     * @param description the requirement as the rule writes it, for messages
     */
    record Fact(List<StringTest> alternatives, String description) {

        Fact {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** No facts: every test is UNKNOWN. */
    static final ColumnFacts NONE = new ColumnFacts(Map.of());

    private final Map<String, List<Fact>> byColumn;
    private final Set<Fact> used = new LinkedHashSet<>();

    ColumnFacts(Map<String, List<Fact>> byColumn) {
        Map<String, List<Fact>> copy = new HashMap<>();
        byColumn.forEach((column, facts) -> copy.put(column, List.copyOf(facts)));
        this.byColumn = copy;
    }

    /** Returns facts that each string column of {@code values} has exactly its value. */
    static ColumnFacts ofValues(Map<String, String> values) {
        Map<String, List<Fact>> byColumn = new HashMap<>();
        values.forEach((column, value) -> {
            StringTest equals = new StringTest(column, StringTest.Kind.EQUALS, false, false,
                    value);
            byColumn.put(column, List.of(new Fact(List.of(equals), equals.render())));
        });
        return new ColumnFacts(byColumn);
    }

    /** Returns the same facts with no use recorded. */
    ColumnFacts copy() {
        return new ColumnFacts(byColumn);
    }

    boolean isEmpty() {
        return byColumn.isEmpty();
    }

    /** Returns the facts that decided a test so far, in the order they did. */
    Set<Fact> used() {
        return used;
    }

    /** Returns what the facts on the test's column give for {@code test}. */
    Truth truth(StringTest test) {
        for (Fact fact : byColumn.getOrDefault(test.column(), List.of())) {
            Truth truth = truth(fact, test);
            if (truth != Truth.UNKNOWN) {
                used.add(fact);
                return truth;
            }
        }
        return Truth.UNKNOWN;
    }

    private static Truth truth(Fact fact, StringTest test) {
        Truth common = null;
        for (StringTest alternative : fact.alternatives()) {
            Truth truth = StringImplication.given(alternative, test);
            if (truth == Truth.UNKNOWN || (common != null && truth != common)) {
                return Truth.UNKNOWN;
            }
            common = truth;
        }
        return common == null ? Truth.UNKNOWN : common;
    }

    /**
     * Returns the least and greatest {@code strlen} of the column that the facts allow, with
     * {@link Long#MAX_VALUE} for no upper bound. With {@code record}, the facts that narrowed
     * the range count as used.
     */
    long[] lengthRange(String column, boolean record) {
        long[] range = {0, Long.MAX_VALUE};
        for (Fact fact : byColumn.getOrDefault(column, List.of())) {
            long low = Long.MAX_VALUE;
            long high = 0;
            for (StringTest alternative : fact.alternatives()) {
                long[] bounds = lengthRange(alternative);
                low = Math.min(low, bounds[0]);
                high = Math.max(high, bounds[1]);
            }
            if ((low > range[0] || high < range[1]) && record) {
                used.add(fact);
            }
            if (low > range[0] || high < range[1]) {
                range[0] = Math.max(range[0], low);
                range[1] = Math.min(range[1], high);
            }
        }
        return range;
    }

    /** Returns the strlen bounds of one test; a value equivalent ignoring case has its length. */
    private static long[] lengthRange(StringTest test) {
        String literal = test.literal();
        long length = literal.codePointCount(0, literal.length());
        if (test.negated()) {
            boolean notEmpty = test.kind() == StringTest.Kind.EQUALS && literal.isEmpty();
            return new long[] {notEmpty ? 1 : 0, Long.MAX_VALUE};
        }
        if (test.kind() == StringTest.Kind.EQUALS) {
            return new long[] {length, length};
        }
        return new long[] {length, Long.MAX_VALUE};
    }
}
