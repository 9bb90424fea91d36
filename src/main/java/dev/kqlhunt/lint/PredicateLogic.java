package dev.kqlhunt.lint;

import dev.kqlhunt.kql.Expr;
import dev.kqlhunt.kql.KqlPosition;
import dev.kqlhunt.kql.KqlStrings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds predicates whose value does not depend on the row: {@code x != "a" or x != "b"} is true
 * for every value of {@code x}, and {@code x == "a" and x == "b"} is true for none. The analysis
 * is three-valued (true, false, unknown) and propagates through {@code and}, {@code or}, {@code
 * not()} and the literals {@code true} and {@code false}. Single tests are decided by {@link
 * AtomTruth}, and {@code isempty(x) or isnotempty(x)} is true like a pair of inequalities.
 *
 * <p>Constants differ when no value can equal both: for two case-sensitive tests ({@code ==},
 * {@code !=}) they must differ as written, and when either test ignores case ({@code =~},
 * {@code !~}) they must differ ignoring case. Numbers are compared by value.
 *
 * <p>NOTE: a numeric column that is null makes both {@code !=} tests null in KQL, so "always
 * true" holds for every row where the column has a value.
 */
final class PredicateLogic {

    /** A predicate's value where it does not depend on the row. */
    enum Truth {
        TRUE,
        FALSE,
        UNKNOWN
    }

    /** A comparison of a column with a constant. */
    private record Test(String column, KqlPosition position, String operator, Object constant) {

        boolean ignoresCase() {
            return operator.contains("~");
        }
    }

    private static final Set<String> INEQUALITIES = Set.of("!=", "!~");
    private static final Set<String> EQUALITIES = Set.of("==", "=~");

    private final Function<Expr.Column, String> names;
    private final List<LenientText.Problem> problems = new ArrayList<>();
    private final AtomTruth atoms;

    /** @param names returns a column's name as written, for messages */
    PredicateLogic(Function<Expr.Column, String> names) {
        this(names, ColumnFacts.NONE);
    }

    /**
     * @param names returns a column's name as written, for messages
     * @param facts string tests that every row passes, which can decide tests on their columns
     */
    PredicateLogic(Function<Expr.Column, String> names, ColumnFacts facts) {
        this.names = names;
        this.atoms = new AtomTruth(names, problems, facts);
    }

    List<LenientText.Problem> problems() {
        return problems;
    }

    Truth evaluate(Expr expr) {
        if (expr instanceof Expr.BoolLiteral literal) {
            return literal.value() ? Truth.TRUE : Truth.FALSE;
        }
        if (expr instanceof Expr.Call call && call.function().equals("not")
                && call.arguments().size() == 1) {
            return negate(evaluate(call.arguments().get(0)));
        }
        if (expr instanceof Expr.Binary binary && binary.operator().equals("or")) {
            return chain(binary, "or", Truth.TRUE, INEQUALITIES);
        }
        if (expr instanceof Expr.Binary binary && binary.operator().equals("and")) {
            return chain(binary, "and", Truth.FALSE, EQUALITIES);
        }
        return atoms.evaluate(expr);
    }

    static Truth negate(Truth truth) {
        return switch (truth) {
            case TRUE -> Truth.FALSE;
            case FALSE -> Truth.TRUE;
            case UNKNOWN -> Truth.UNKNOWN;
        };
    }

    /**
     * Evaluates an {@code or} chain, where one true operand decides ({@code decisive} is TRUE),
     * or an {@code and} chain, where one false operand decides.
     */
    private Truth chain(Expr.Binary top, String operator, Truth decisive, Set<String> tests) {
        List<Expr> operands = new ArrayList<>();
        flatten(top, operator, operands);
        boolean decided = false;
        boolean allOpposite = true;
        List<Test> found = new ArrayList<>();
        for (Expr operand : operands) {
            Truth truth = evaluate(operand);
            decided |= truth == decisive;
            allOpposite &= truth == negate(decisive);
            Test test = test(operand, tests);
            if (test != null) {
                found.add(test);
            }
        }
        if (!decided && conflict(found, decisive)) {
            decided = true;
        }
        if (!decided && emptinessConflict(operands, decisive)) {
            decided = true;
        }
        if (decided) {
            return decisive;
        }
        return allOpposite ? negate(decisive) : Truth.UNKNOWN;
    }

    private static void flatten(Expr expr, String operator, List<Expr> operands) {
        if (expr instanceof Expr.Binary binary && binary.operator().equals(operator)) {
            flatten(binary.left(), operator, operands);
            flatten(binary.right(), operator, operands);
        } else {
            operands.add(expr);
        }
    }

    /** Reports the first pair of tests on one column with different constants. */
    private boolean conflict(List<Test> tests, Truth decisive) {
        for (int i = 0; i < tests.size(); i++) {
            for (int j = i + 1; j < tests.size(); j++) {
                Test first = tests.get(i);
                Test second = tests.get(j);
                if (first.column().equals(second.column()) && differ(first, second)) {
                    report(first, second, decisive);
                    return true;
                }
            }
        }
        return false;
    }

    /** A test whether an expression is empty: isempty(x), isnotempty(x) or their not(). */
    private record Emptiness(Expr operand, String argument, boolean empty) {}

    /**
     * Reports the first pair of opposite emptiness tests of one expression, such as
     * {@code isempty(x) or isnotempty(x)}. Both functions return true or false, never null.
     */
    private boolean emptinessConflict(List<Expr> operands, Truth decisive) {
        List<Emptiness> tests = new ArrayList<>();
        for (Expr operand : operands) {
            Emptiness test = emptiness(operand, operand, false);
            if (test == null) {
                continue;
            }
            for (Emptiness earlier : tests) {
                if (earlier.argument().equals(test.argument()) && earlier.empty() != test.empty()) {
                    reportEmptiness(earlier, test, decisive);
                    return true;
                }
            }
            tests.add(test);
        }
        return false;
    }

    private static Emptiness emptiness(Expr operand, Expr expr, boolean negated) {
        if (!(expr instanceof Expr.Call call) || call.arguments().size() != 1) {
            return null;
        }
        Expr argument = call.arguments().get(0);
        return switch (call.function()) {
            case "not" -> emptiness(operand, argument, !negated);
            case "isempty", "isnotempty" -> new Emptiness(operand,
                    ExprText.render(argument, Expr.Column::name),
                    call.function().equals("isempty") != negated);
            default -> null;
        };
    }

    private void reportEmptiness(Emptiness first, Emptiness second, Truth decisive) {
        String joiner = decisive == Truth.TRUE ? " or " : " and ";
        String text = "'" + ExprText.render(first.operand(), names) + joiner
                + ExprText.render(second.operand(), names) + "'";
        Expr.Call call = (Expr.Call) innermost(first.operand());
        String value = ExprText.render(call.arguments().get(0), names);
        String fix = "isempty(" + value + ") to match empty values, or isnotempty(" + value
                + ") to match the others";
        if (decisive == Truth.TRUE) {
            problems.add(new LenientText.Problem(LintCode.ALWAYS_TRUE,
                    ExprText.start(first.operand()), value, text + " is always true: every"
                            + " value is either empty or not. Write only " + fix));
        } else {
            problems.add(new LenientText.Problem(LintCode.ALWAYS_FALSE,
                    ExprText.start(first.operand()), value, text + " is always false: no value"
                            + " is both empty and not empty. Write only " + fix));
        }
    }

    /** Returns the call inside any not() around an emptiness test. */
    private static Expr innermost(Expr expr) {
        Expr.Call call = (Expr.Call) expr;
        return call.function().equals("not") ? innermost(call.arguments().get(0)) : call;
    }

    private void report(Test first, Test second, Truth decisive) {
        String pair = describe(first) + (decisive == Truth.TRUE ? " or " : " and ")
                + describe(second);
        String column = first.column();
        String values = literal(first) + ", " + literal(second);
        String tilde = first.ignoresCase() ? "~" : "";
        if (decisive == Truth.TRUE) {
            problems.add(new LenientText.Problem(LintCode.ALWAYS_TRUE, first.position(), column,
                    "'" + pair + "' is always true: no value of " + column + " equals both"
                            + " constants, so one inequality always holds. To keep rows with"
                            + " neither value write " + column + " !in" + tilde + " (" + values
                            + "); a tuning exclusion names the rows to remove: " + column
                            + " in" + tilde + " (" + values + ")"));
        } else {
            problems.add(new LenientText.Problem(LintCode.ALWAYS_FALSE, first.position(), column,
                    "'" + pair + "' is always false: no value of " + column + " equals both"
                            + " constants. To match either value write " + column + " in"
                            + tilde + " (" + values + ")"));
        }
    }

    private static String describe(Test test) {
        return test.column() + " " + test.operator() + " " + literal(test);
    }

    private static String literal(Test test) {
        if (test.constant() instanceof String text) {
            return ExprText.quote(text);
        }
        return ((BigDecimal) test.constant()).toPlainString();
    }

    private static boolean differ(Test first, Test second) {
        Object a = first.constant();
        Object b = second.constant();
        if (a instanceof String left && b instanceof String right) {
            boolean ignoreCase = first.ignoresCase() || second.ignoresCase();
            return ignoreCase ? !KqlStrings.equalsIgnoreCase(left, right) : !left.equals(right);
        }
        if (a instanceof BigDecimal left && b instanceof BigDecimal right) {
            return left.compareTo(right) != 0;
        }
        return false;
    }

    private Test test(Expr expr, Set<String> operators) {
        if (!(expr instanceof Expr.Binary binary) || !operators.contains(binary.operator())) {
            return null;
        }
        Expr.Column column = null;
        Object constant = null;
        if (binary.left() instanceof Expr.Column left) {
            column = left;
            constant = constant(binary.right());
        } else if (binary.right() instanceof Expr.Column right) {
            column = right;
            constant = constant(binary.left());
        }
        if (column == null || constant == null) {
            return null;
        }
        return new Test(names.apply(column), column.position(), binary.operator(), constant);
    }

    private static Object constant(Expr expr) {
        if (expr instanceof Expr.StringLiteral literal) {
            return literal.value();
        }
        if (expr instanceof Expr.LongLiteral literal) {
            return BigDecimal.valueOf(literal.value());
        }
        if (expr instanceof Expr.RealLiteral literal) {
            return new BigDecimal(literal.text());
        }
        if (expr instanceof Expr.Negate negate && constant(negate.operand()) instanceof BigDecimal
                value) {
            return value.negate();
        }
        return null;
    }
}
