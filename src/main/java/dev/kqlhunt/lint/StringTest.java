package dev.kqlhunt.lint;

import dev.kqlhunt.kql.Expr;
import dev.kqlhunt.kql.KqlStrings;

import java.util.Map;

/**
 * A test of a string column against a string literal, such as {@code Computer =~ "exch01"} or
 * {@code RenderedDescription !contains "OutOfMemory"}.
 *
 * @param kind what the literal must be of the value: all of it, its start, its end or a part
 * @param ignoreCase whether the test compares as KQL's case-insensitive operators do
 * @param negated whether the test is the negation of {@code kind}, as {@code !=} or {@code
 *     !contains}
 */
record StringTest(String column, Kind kind, boolean ignoreCase, boolean negated, String literal) {

    /** What a test requires of the value. */
    enum Kind {
        EQUALS,
        STARTS,
        ENDS,
        CONTAINS
    }

    /** The string operators by name without {@code !}: kind and whether they ignore case. */
    private static final Map<String, StringTest> OPERATORS = Map.of(
            "==", new StringTest("", Kind.EQUALS, false, false, ""),
            "=~", new StringTest("", Kind.EQUALS, true, false, ""),
            "contains", new StringTest("", Kind.CONTAINS, true, false, ""),
            "contains_cs", new StringTest("", Kind.CONTAINS, false, false, ""),
            "startswith", new StringTest("", Kind.STARTS, true, false, ""),
            "startswith_cs", new StringTest("", Kind.STARTS, false, false, ""),
            "endswith", new StringTest("", Kind.ENDS, true, false, ""),
            "endswith_cs", new StringTest("", Kind.ENDS, false, false, ""));

    /**
     * Returns the test that {@code expr} is, or null: a column on the left of a string operator
     * and a string literal on the right. For {@code ==}, {@code !=}, {@code =~} and {@code !~},
     * which are symmetric, the two may also be the other way round.
     */
    static StringTest of(Expr expr) {
        if (!(expr instanceof Expr.Binary binary)) {
            return null;
        }
        String operator = binary.operator();
        boolean negated = operator.startsWith("!");
        String positive = switch (operator) {
            case "!=" -> "==";
            case "!~" -> "=~";
            default -> negated ? operator.substring(1) : operator;
        };
        StringTest shape = OPERATORS.get(positive);
        if (shape == null) {
            return null;
        }
        if (binary.left() instanceof Expr.Column column
                && binary.right() instanceof Expr.StringLiteral literal) {
            return shape.with(column.name(), negated, literal.value());
        }
        if (shape.kind() == Kind.EQUALS && binary.right() instanceof Expr.Column column
                && binary.left() instanceof Expr.StringLiteral literal) {
            return shape.with(column.name(), negated, literal.value());
        }
        return null;
    }

    /** Returns the test {@code isempty(column)} is on a string, or its negation. */
    static StringTest isEmpty(String column, boolean negated) {
        return new StringTest(column, Kind.EQUALS, false, negated, "");
    }

    private StringTest with(String name, boolean negation, String text) {
        return new StringTest(name, kind, ignoreCase, negation, text);
    }

    /** Returns the test without its negation. */
    StringTest positive() {
        return new StringTest(column, kind, ignoreCase, false, literal);
    }

    /** Returns whether {@code value} passes the test, as KQL evaluates it. */
    boolean holds(String value) {
        return negated != matches(value);
    }

    private boolean matches(String value) {
        return switch (kind) {
            case EQUALS -> ignoreCase
                    ? KqlStrings.equalsIgnoreCase(value, literal)
                    : value.equals(literal);
            case STARTS -> ignoreCase
                    ? KqlStrings.startsWithIgnoreCase(value, literal)
                    : value.startsWith(literal);
            case ENDS -> ignoreCase
                    ? KqlStrings.endsWithIgnoreCase(value, literal)
                    : value.endsWith(literal);
            case CONTAINS -> ignoreCase
                    ? KqlStrings.containsIgnoreCase(value, literal)
                    : value.contains(literal);
        };
    }

    /** Returns the KQL operator of the test, such as {@code =~} or {@code !startswith_cs}. */
    String operator() {
        String name = switch (kind) {
            case EQUALS -> ignoreCase ? "=~" : "==";
            case STARTS -> "startswith";
            case ENDS -> "endswith";
            case CONTAINS -> "contains";
        };
        if (kind == Kind.EQUALS) {
            return negated ? "!" + name.substring(1) : name;
        }
        return (negated ? "!" : "") + name + (ignoreCase ? "" : "_cs");
    }

    /** Returns the test as KQL, such as {@code EventLevelName =~ "error"}. */
    String render() {
        return column + " " + operator() + " " + ExprText.quote(literal);
    }
}
