package dev.kqlhunt.kql;

import dev.kqlhunt.kql.functions.KqlFunction;

import java.util.ArrayList;
import java.util.List;

/** Translates the supported KQL scalar functions. */
final class FunctionTranslator {

    /** Characters that give a {@code trim} pattern a meaning other than itself. */
    private static final String REGEX_METACHARACTERS = "\\^$.|?*+()[]{}";

    private final ExpressionTranslator expressions;
    private final KqlSource source;

    FunctionTranslator(ExpressionTranslator expressions, KqlSource source) {
        this.expressions = expressions;
        this.source = source;
    }

    Sql translate(Expr.Call call) {
        return switch (call.function()) {
            case "tostring" -> toStringCall(call);
            case "toint" -> toNumber(call, Type.INT);
            case "tolong" -> toNumber(call, Type.LONG);
            case "tolower" -> stringToString(call, KqlFunction.KQL_TOLOWER);
            case "toupper" -> stringToString(call, KqlFunction.KQL_TOUPPER);
            case "strlen" -> strlen(call);
            case "split" -> throw expressions.error(call, "split() is only supported as"
                    + " tostring(split(text, delimiter)[index])");
            case "indexof" -> indexOf(call);
            case "substring" -> substring(call);
            case "iff", "iif" -> iff(call);
            case "isempty" -> isEmpty(call, false);
            case "isnotempty" -> isEmpty(call, true);
            case "strcat" -> strcat(call);
            case "trim" -> trim(call);
            case "not" -> not(call);
            default -> throw expressions.error(call, "function '" + call.function() + "' is not"
                    + " supported");
        };
    }

    private void checkArity(Expr.Call call, int min, int max) {
        int count = call.arguments().size();
        if (count < min || count > max) {
            String expected = min == max ? Integer.toString(min) : min + " to " + max;
            throw expressions.error(call, call.function() + "() takes " + expected
                    + " arguments, not " + count);
        }
    }

    private Sql argument(Expr.Call call, int index, Type expected) {
        String role = "argument " + (index + 1) + " of " + call.function() + "()";
        return expressions.translate(call.arguments().get(index), expected, role);
    }

    private long integerLiteral(Expr.Call call, int index, String what) {
        Expr expr = call.arguments().get(index);
        if (expr instanceof Expr.LongLiteral literal) {
            return literal.value();
        }
        if (expr instanceof Expr.Negate negate && negate.operand() instanceof Expr.LongLiteral l) {
            return -l.value();
        }
        throw expressions.error(expr, what + " of " + call.function() + "() must be an integer"
                + " literal");
    }

    private Sql toStringCall(Expr.Call call) {
        checkArity(call, 1, 1);
        Expr argument = call.arguments().get(0);
        if (argument instanceof Expr.Index index && index.target() instanceof Expr.Call split
                && split.function().equals("split")) {
            return splitPart(split, index);
        }
        Sql value = expressions.translate(argument);
        return switch (value.type()) {
            case STRING -> value;
            case INT, LONG, BOOL -> Sql.value(
                    expressions.call(KqlFunction.KQL_TOSTRING, value.operand()), Type.STRING);
            default -> throw expressions.error(argument, "tostring() of a " + value.type().kqlName()
                    + " is not supported: its text form differs between KQL and Flink");
        };
    }

    private Sql splitPart(Expr.Call split, Expr.Index index) {
        checkArity(split, 2, 2);
        Sql text = argument(split, 0, Type.STRING);
        Sql delimiter = argument(split, 1, Type.STRING);
        if (split.arguments().get(1) instanceof Expr.StringLiteral literal
                && literal.value().isEmpty()) {
            throw expressions.error(literal, "split() with an empty delimiter is not supported");
        }
        long position;
        if (index.index() instanceof Expr.LongLiteral literal) {
            position = literal.value();
        } else if (index.index() instanceof Expr.Negate negate
                && negate.operand() instanceof Expr.LongLiteral literal) {
            position = -literal.value();
        } else {
            throw expressions.error(index.index(), "the index after split() must be an integer"
                    + " literal");
        }
        String sql =
                expressions.call(
                        KqlFunction.KQL_SPLIT_PART, text.text(), delimiter.text(), position + "");
        return Sql.value(sql, Type.STRING);
    }

    private Sql toNumber(Expr.Call call, Type target) {
        checkArity(call, 1, 1);
        Sql value = expressions.translate(call.arguments().get(0));
        String sqlType = target == Type.INT ? "INT" : "BIGINT";
        return switch (value.type()) {
            case STRING -> {
                KqlFunction parse =
                        target == Type.INT ? KqlFunction.KQL_TOINT : KqlFunction.KQL_TOLONG;
                yield Sql.value(expressions.call(parse, value.text()), target);
            }
            case INT, LONG -> value.type() == target
                    ? value
                    // NOTE: a long outside the int range wraps around here; KQL's result for
                    // toint() of such a value is not checked.
                    : Sql.value("CAST(" + value.text() + " AS " + sqlType + ")", target);
            default -> throw expressions.error(call, call.function() + "() of a "
                    + value.type().kqlName() + " is not supported");
        };
    }

    private Sql stringToString(Expr.Call call, KqlFunction function) {
        checkArity(call, 1, 1);
        Sql value = argument(call, 0, Type.STRING);
        return Sql.value(expressions.call(function, value.text()), Type.STRING);
    }

    private Sql strlen(Expr.Call call) {
        checkArity(call, 1, 1);
        Sql value = argument(call, 0, Type.STRING);
        return Sql.value(expressions.call(KqlFunction.KQL_STRLEN, value.text()), Type.LONG);
    }

    private Sql indexOf(Expr.Call call) {
        checkArity(call, 2, 3);
        Sql text = argument(call, 0, Type.STRING);
        Sql lookup = argument(call, 1, Type.STRING);
        long start = 0;
        if (call.arguments().size() == 3) {
            start = integerLiteral(call, 2, "the start");
            if (start < 0) {
                throw expressions.error(call.arguments().get(2), "a negative start of indexof()"
                        + " is not supported");
            }
        }
        String sql = expressions.call(KqlFunction.KQL_INDEXOF, text.text(), lookup.text(),
                start + "");
        return Sql.value(sql, Type.LONG);
    }

    private Sql substring(Expr.Call call) {
        checkArity(call, 2, 3);
        List<String> arguments = new ArrayList<>();
        arguments.add(argument(call, 0, Type.STRING).text());
        for (int i = 1; i < call.arguments().size(); i++) {
            Sql number = expressions.translate(call.arguments().get(i));
            if (number.type() != Type.INT && number.type() != Type.LONG) {
                throw expressions.error(call.arguments().get(i), "argument " + (i + 1)
                        + " of substring() must be int or long, not " + number.type().kqlName());
            }
            // The function takes BIGINT; an INT argument is widened explicitly.
            arguments.add(number.type() == Type.LONG ? number.text()
                    : "CAST(" + number.text() + " AS BIGINT)");
        }
        String sql = expressions.call(KqlFunction.KQL_SUBSTRING, arguments.toArray(String[]::new));
        return Sql.value(sql, Type.STRING);
    }

    private Sql iff(Expr.Call call) {
        checkArity(call, 3, 3);
        Sql condition = argument(call, 0, Type.BOOL);
        Sql then = expressions.translate(call.arguments().get(1));
        Sql otherwise = expressions.translate(call.arguments().get(2));
        Type type;
        if (then.type() == otherwise.type()) {
            type = then.type();
        } else if (then.type().isNumeric() && otherwise.type().isNumeric()) {
            type = ExpressionTranslator.widen(then.type(), otherwise.type());
        } else {
            throw expressions.error(call, call.function() + "() branches have different types: "
                    + then.type().kqlName() + " and " + otherwise.type().kqlName());
        }
        String sql = "CASE\n"
                + SqlText.indent("WHEN " + condition.operand()) + "\n"
                + SqlText.indent("THEN " + then.asStringValue()) + "\n"
                + SqlText.indent("ELSE " + otherwise.asStringValue()) + "\n"
                + "END";
        return Sql.value(sql, type);
    }

    private Sql isEmpty(Expr.Call call, boolean negated) {
        checkArity(call, 1, 1);
        Sql value = expressions.translate(call.arguments().get(0));
        String sql;
        if (value.type() == Type.STRING) {
            sql = "CHAR_LENGTH(" + value.text() + ")" + (negated ? " > 0" : " = 0");
        } else {
            // A predicate such as NOT f(x) needs parentheses: NOT binds looser than IS NULL.
            String operand = value.kind() == Sql.Kind.VALUE ? "(" + value.text() + ")"
                    : value.operand();
            sql = operand + (negated ? " IS NOT NULL" : " IS NULL");
        }
        return Sql.value(sql, Type.BOOL);
    }

    private Sql strcat(Expr.Call call) {
        checkArity(call, 1, 64);
        List<String> parts = new ArrayList<>();
        for (Expr argument : call.arguments()) {
            Expr.Call asString = new Expr.Call("tostring", List.of(argument), argument.position());
            parts.add(toStringCall(asString).text());
        }
        String sql = parts.size() == 1 ? parts.get(0) : "CONCAT(" + String.join(", ", parts) + ")";
        return new Sql(sql, Type.STRING, parts.size() == 1 ? Sql.Kind.VALUE : Sql.Kind.CHAR_VALUE);
    }

    private Sql trim(Expr.Call call) {
        checkArity(call, 2, 2);
        Expr pattern = call.arguments().get(0);
        if (!(pattern instanceof Expr.StringLiteral literal)) {
            throw expressions.error(pattern, "the pattern of trim() must be a string literal");
        }
        for (char c : literal.value().toCharArray()) {
            if (REGEX_METACHARACTERS.indexOf(c) >= 0) {
                throw source.error(pattern.position(), "trim() with a regular expression is not"
                        + " supported: the pattern may not contain any of " + REGEX_METACHARACTERS);
            }
        }
        Sql text = argument(call, 1, Type.STRING);
        String sql = expressions.call(
                KqlFunction.KQL_TRIM_LITERAL, SqlText.stringLiteral(literal.value()), text.text());
        return Sql.value(sql, Type.STRING);
    }

    private Sql not(Expr.Call call) {
        checkArity(call, 1, 1);
        Sql value = argument(call, 0, Type.BOOL);
        if (value.kind() == Sql.Kind.AND || value.kind() == Sql.Kind.OR) {
            return Sql.value("NOT " + value.operand(), Type.BOOL);
        }
        return Sql.value("NOT (" + value.text() + ")", Type.BOOL);
    }
}
