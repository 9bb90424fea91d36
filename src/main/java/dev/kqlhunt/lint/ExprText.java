package dev.kqlhunt.lint;

import dev.kqlhunt.kql.Expr;
import dev.kqlhunt.kql.KqlPosition;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders an expression as KQL text for messages, and finds where it starts. Two expressions
 * render alike when they have the same structure, columns and literals, whatever their positions.
 */
final class ExprText {

    private ExprText() {}

    /** Renders {@code expr} with the column names that {@code names} returns. */
    static String render(Expr expr, Function<Expr.Column, String> names) {
        if (expr instanceof Expr.Column column) {
            return names.apply(column);
        }
        if (expr instanceof Expr.StringLiteral literal) {
            return quote(literal.value());
        }
        if (expr instanceof Expr.LongLiteral literal) {
            return Long.toString(literal.value());
        }
        if (expr instanceof Expr.RealLiteral literal) {
            return literal.text();
        }
        if (expr instanceof Expr.BoolLiteral literal) {
            return Boolean.toString(literal.value());
        }
        if (expr instanceof Expr.Negate negate) {
            return "-" + render(negate.operand(), names);
        }
        if (expr instanceof Expr.Binary binary) {
            return operand(binary.left(), names) + " " + binary.operator() + " "
                    + operand(binary.right(), names);
        }
        if (expr instanceof Expr.In in) {
            return render(in.left(), names) + " " + in.operator() + " ("
                    + list(in.values(), names) + ")";
        }
        if (expr instanceof Expr.Call call) {
            return call.function() + "(" + list(call.arguments(), names) + ")";
        }
        Expr.Index index = (Expr.Index) expr;
        return render(index.target(), names) + "[" + render(index.index(), names) + "]";
    }

    /** Renders an operand of a binary operator, in parentheses when it has operators itself. */
    private static String operand(Expr expr, Function<Expr.Column, String> names) {
        String text = render(expr, names);
        boolean compound = expr instanceof Expr.Binary || expr instanceof Expr.In;
        return compound ? "(" + text + ")" : text;
    }

    private static String list(List<Expr> exprs, Function<Expr.Column, String> names) {
        return exprs.stream().map(expr -> render(expr, names)).collect(Collectors.joining(", "));
    }

    /** Returns {@code text} as a KQL string literal in double quotes. */
    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Returns the position of the expression's first token. */
    static KqlPosition start(Expr expr) {
        if (expr instanceof Expr.Binary binary) {
            return start(binary.left());
        }
        if (expr instanceof Expr.In in) {
            return start(in.left());
        }
        if (expr instanceof Expr.Index index) {
            return start(index.target());
        }
        return expr.position();
    }
}
