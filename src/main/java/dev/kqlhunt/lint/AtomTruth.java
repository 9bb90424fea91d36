package dev.kqlhunt.lint;

import dev.kqlhunt.kql.Expr;
import dev.kqlhunt.lint.PredicateLogic.Truth;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Decides single tests that {@link PredicateLogic} combines: a string operator with an empty
 * literal, a comparison of {@code strlen} with a number, and any string test on a column that
 * {@link ColumnFacts} decide. A test that is always true or false whatever the facts is reported
 * as a problem.
 */
final class AtomTruth {

    /** The operators of an ordering of {@code strlen(x)} with the constant on the left. */
    private static final Map<String, String> FLIPPED =
            Map.of("==", "==", "!=", "!=", "<", ">", "<=", ">=", ">", "<", ">=", "<=");

    private static final String STRLEN_REASON = "strlen returns a count of characters, a whole"
            + " number that is never negative";

    private final Function<Expr.Column, String> names;
    private final List<LenientText.Problem> problems;
    private final ColumnFacts facts;

    AtomTruth(Function<Expr.Column, String> names, List<LenientText.Problem> problems,
            ColumnFacts facts) {
        this.names = names;
        this.problems = problems;
        this.facts = facts;
    }

    Truth evaluate(Expr expr) {
        Truth truth = emptyLiteral(expr);
        if (truth == Truth.UNKNOWN) {
            truth = length(expr);
        }
        if (truth == Truth.UNKNOWN) {
            truth = byFacts(expr);
        }
        return truth;
    }

    /** Decides {@code x contains ""} and the other operators that every string passes. */
    private Truth emptyLiteral(Expr expr) {
        if (!(expr instanceof Expr.Binary binary)
                || !(binary.right() instanceof Expr.StringLiteral literal)
                || !literal.value().isEmpty()) {
            return Truth.UNKNOWN;
        }
        boolean negated = binary.operator().startsWith("!");
        String verb = switch (negated ? binary.operator().substring(1) : binary.operator()) {
            case "contains", "contains_cs" -> "contains";
            case "startswith", "startswith_cs" -> "starts with";
            case "endswith", "endswith_cs" -> "ends with";
            default -> null;
        };
        if (verb == null) {
            return Truth.UNKNOWN;
        }
        String text = "'" + ExprText.render(expr, names) + "'";
        String value = ExprText.render(binary.left(), names);
        String reason = ": every string " + verb + " the empty string. Put the text to test"
                + " between the quotes, or write ";
        if (negated) {
            report(LintCode.ALWAYS_FALSE, expr, value, text + " is always false" + reason
                    + "isnotempty(" + value + ") to match values that are not empty");
            return Truth.FALSE;
        }
        report(LintCode.ALWAYS_TRUE, expr, value, text + " is always true" + reason
                + "isempty(" + value + ") to match empty values");
        return Truth.TRUE;
    }

    /**
     * Decides {@code strlen(x) >= 0} and other comparisons of {@code strlen} with a number that
     * every length passes or fails, then those that the facts on column {@code x} decide.
     */
    private Truth length(Expr expr) {
        if (!(expr instanceof Expr.Binary binary) || !FLIPPED.containsKey(binary.operator())) {
            return Truth.UNKNOWN;
        }
        String operator = binary.operator();
        Expr.Call strlen = strlen(binary.left());
        BigDecimal constant = number(binary.right());
        if (strlen == null || constant == null) {
            strlen = strlen(binary.right());
            constant = number(binary.left());
            operator = FLIPPED.get(operator);
        }
        if (strlen == null || constant == null) {
            return Truth.UNKNOWN;
        }

        Truth always = compare(0, Long.MAX_VALUE, operator, constant);
        String value = ExprText.render(strlen.arguments().get(0), names);
        String text = "'" + ExprText.render(expr, names) + "'";
        if (always == Truth.TRUE) {
            report(LintCode.ALWAYS_TRUE, expr, value, text + " is always true: " + STRLEN_REASON
                    + ". Write isnotempty(" + value + ") to match values that are not empty, or"
                    + " strlen(" + value + ") > N for longer values");
            return always;
        }
        if (always == Truth.FALSE) {
            report(LintCode.ALWAYS_FALSE, expr, value, text + " is always false: "
                    + STRLEN_REASON + ". Write isempty(" + value + ") to match empty values");
            return always;
        }

        if (!(strlen.arguments().get(0) instanceof Expr.Column column)) {
            return Truth.UNKNOWN;
        }
        long[] range = facts.lengthRange(column.name(), false);
        Truth truth = compare(range[0], range[1], operator, constant);
        if (truth != Truth.UNKNOWN) {
            facts.lengthRange(column.name(), true);
        }
        return truth;
    }

    private static Expr.Call strlen(Expr expr) {
        if (expr instanceof Expr.Call call && call.function().equals("strlen")
                && call.arguments().size() == 1) {
            return call;
        }
        return null;
    }

    /**
     * Returns a numeric literal's value as the comparison uses it, or null. A real literal is a
     * double in KQL, so it is rounded to a double first.
     */
    private static BigDecimal number(Expr expr) {
        if (expr instanceof Expr.LongLiteral literal) {
            return BigDecimal.valueOf(literal.value());
        }
        if (expr instanceof Expr.RealLiteral literal) {
            double value;
            try {
                value = Double.parseDouble(literal.text());
            } catch (NumberFormatException e) {
                return null;
            }
            return Double.isFinite(value) ? new BigDecimal(value) : null;
        }
        if (expr instanceof Expr.Negate negate) {
            BigDecimal operand = number(negate.operand());
            return operand == null ? null : operand.negate();
        }
        return null;
    }

    /**
     * Returns whether every whole number in {@code low..high} passes {@code value operator
     * constant} (TRUE), none does (FALSE), or some do; {@link Long#MAX_VALUE} as {@code high}
     * means no upper bound.
     */
    static Truth compare(long low, long high, String operator, BigDecimal constant) {
        BigDecimal min = BigDecimal.valueOf(low);
        BigDecimal max = high == Long.MAX_VALUE ? null : BigDecimal.valueOf(high);
        boolean whole = constant.stripTrailingZeros().scale() <= 0;
        return switch (operator) {
            case ">=" -> decide(min.compareTo(constant) >= 0,
                    max != null && max.compareTo(constant) < 0);
            case ">" -> decide(min.compareTo(constant) > 0,
                    max != null && max.compareTo(constant) <= 0);
            case "<=" -> decide(max != null && max.compareTo(constant) <= 0,
                    min.compareTo(constant) > 0);
            case "<" -> decide(max != null && max.compareTo(constant) < 0,
                    min.compareTo(constant) >= 0);
            case "==" -> equality(min, max, constant, whole);
            default -> PredicateLogic.negate(equality(min, max, constant, whole));
        };
    }

    private static Truth equality(BigDecimal min, BigDecimal max, BigDecimal constant,
            boolean whole) {
        boolean single = max != null && min.compareTo(max) == 0;
        return decide(single && min.compareTo(constant) == 0,
                !whole || min.compareTo(constant) > 0
                        || (max != null && max.compareTo(constant) < 0));
    }

    private static Truth decide(boolean alwaysTrue, boolean alwaysFalse) {
        if (alwaysTrue) {
            return Truth.TRUE;
        }
        return alwaysFalse ? Truth.FALSE : Truth.UNKNOWN;
    }

    /** Decides string tests, {@code in} lists and {@code isempty()} on columns with facts. */
    private Truth byFacts(Expr expr) {
        if (facts.isEmpty()) {
            return Truth.UNKNOWN;
        }
        StringTest test = StringTest.of(expr);
        if (test != null) {
            return facts.truth(test);
        }
        List<StringTest> listed = RuleFacts.inList(expr);
        if (listed != null) {
            return inList(listed);
        }
        if (expr instanceof Expr.Call call && call.arguments().size() == 1
                && call.arguments().get(0) instanceof Expr.Column column) {
            // Facts are only on string columns, where isempty(x) is x == "".
            return switch (call.function()) {
                case "isempty" -> facts.truth(StringTest.isEmpty(column.name(), false));
                case "isnotempty" -> facts.truth(StringTest.isEmpty(column.name(), true));
                default -> Truth.UNKNOWN;
            };
        }
        return Truth.UNKNOWN;
    }

    /** Decides {@code x in (a, b)}, any of its equalities, or {@code x !in (a, b)}, all of them. */
    private Truth inList(List<StringTest> tests) {
        boolean negated = tests.get(0).negated();
        Truth decisive = negated ? Truth.FALSE : Truth.TRUE;
        boolean allOpposite = true;
        for (StringTest test : tests) {
            Truth truth = facts.truth(test);
            if (truth == decisive) {
                return decisive;
            }
            allOpposite &= truth == PredicateLogic.negate(decisive);
        }
        return allOpposite ? PredicateLogic.negate(decisive) : Truth.UNKNOWN;
    }

    private void report(LintCode code, Expr expr, String subject, String message) {
        problems.add(new LenientText.Problem(code, ExprText.start(expr), subject, message));
    }
}
