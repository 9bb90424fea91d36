package dev.kqlhunt.lint;

import dev.kqlhunt.kql.Expr;
import dev.kqlhunt.kql.KqlQuery;
import dev.kqlhunt.kql.KqlSource;
import dev.kqlhunt.kql.TabularOperator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what a rule's query requires of every result: the string tests that are conjuncts of
 * its {@code where} operators, such as {@code EventLevelName =~ "error"}, followed through later
 * operators to the output columns that hold the tested value. A column that an {@code extend}
 * or {@code project} computes anew loses its facts, and one that copies a column has the copied
 * column's facts.
 */
final class RuleFacts {

    private final KqlSource source;
    private Map<String, List<ColumnFacts.Fact>> byColumn = new HashMap<>();

    private RuleFacts(KqlSource source) {
        this.source = source;
    }

    static ColumnFacts of(KqlQuery query, KqlSource source) {
        RuleFacts facts = new RuleFacts(source);
        for (TabularOperator operator : query.operators()) {
            facts.follow(operator);
        }
        return new ColumnFacts(facts.byColumn);
    }

    private void follow(TabularOperator operator) {
        if (operator instanceof TabularOperator.Where where) {
            conjuncts(where.predicate());
        } else if (operator instanceof TabularOperator.Extend extend) {
            extend.assignments().forEach(this::extend);
        } else if (operator instanceof TabularOperator.Project project) {
            Map<String, List<ColumnFacts.Fact>> projected = new HashMap<>();
            for (TabularOperator.Assignment assignment : project.assignments()) {
                if (assignment.expression() instanceof Expr.Column column
                        && byColumn.containsKey(column.name())) {
                    projected.put(assignment.name(),
                            new ArrayList<>(byColumn.get(column.name())));
                }
            }
            byColumn = projected;
        } else if (operator instanceof TabularOperator.ProjectAway away) {
            away.columns().forEach(column -> byColumn.remove(column.name()));
        } else if (operator instanceof TabularOperator.ProjectRename rename) {
            for (TabularOperator.Rename pair : rename.renames()) {
                List<ColumnFacts.Fact> moved = byColumn.remove(pair.oldName().name());
                byColumn.remove(pair.newName().name());
                if (moved != null) {
                    byColumn.put(pair.newName().name(), moved);
                }
            }
        }
    }

    /** Gives a copy of a column the column's facts; a computed column has none. */
    private void extend(TabularOperator.Assignment assignment) {
        List<ColumnFacts.Fact> copied = null;
        if (assignment.expression() instanceof Expr.Column column
                && byColumn.containsKey(column.name())) {
            copied = new ArrayList<>(byColumn.get(column.name()));
        }
        byColumn.remove(assignment.name());
        if (copied != null) {
            byColumn.put(assignment.name(), copied);
        }
    }

    /** Adds a fact for each conjunct of {@code predicate} that is a string test or an in list. */
    private void conjuncts(Expr predicate) {
        if (predicate instanceof Expr.Binary binary && binary.operator().equals("and")) {
            conjuncts(binary.left());
            conjuncts(binary.right());
            return;
        }
        StringTest test = StringTest.of(predicate);
        if (test != null) {
            add(test.column(), List.of(test), predicate);
            return;
        }
        List<StringTest> listed = inList(predicate);
        if (listed == null) {
            return;
        }
        Expr.In in = (Expr.In) predicate;
        if (in.operator().startsWith("!")) {
            // "x !in (a, b)" is "x != a and x != b": one fact for each value.
            listed.forEach(one -> add(one.column(), List.of(one), predicate));
        } else {
            add(listed.get(0).column(), listed, predicate);
        }
    }

    /**
     * Returns the tests of an {@code in}, {@code in~}, {@code !in} or {@code !in~} of a column
     * and string literals, one for each value, or null for any other expression.
     */
    static List<StringTest> inList(Expr expr) {
        if (!(expr instanceof Expr.In in) || !(in.left() instanceof Expr.Column column)) {
            return null;
        }
        boolean ignoreCase = in.operator().endsWith("~");
        boolean negated = in.operator().startsWith("!");
        List<StringTest> tests = new ArrayList<>();
        for (Expr value : in.values()) {
            if (!(value instanceof Expr.StringLiteral literal)) {
                return null;
            }
            tests.add(new StringTest(column.name(), StringTest.Kind.EQUALS, ignoreCase, negated,
                    literal.value()));
        }
        return tests;
    }

    private void add(String column, List<StringTest> alternatives, Expr written) {
        int line = source.error(ExprText.start(written), "").line();
        String description = ExprText.render(written, Expr.Column::name) + " (line " + line
                + " of " + source.fileName() + ")";
        byColumn.computeIfAbsent(column, name -> new ArrayList<>())
                .add(new ColumnFacts.Fact(alternatives, description));
    }
}
