package dev.kqlhunt.kql;

import dev.kqlhunt.kql.functions.KqlFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Type-checks a KQL expression against the columns in scope and translates it to Flink SQL.
 * Columns in scope map to the SQL that computes them, so computed columns are inlined.
 */
final class ExpressionTranslator {

    private final KqlSource source;
    private final Map<String, Sql> scope;
    private final Set<KqlFunction> usedFunctions;
    private final FunctionTranslator functions;

    ExpressionTranslator(KqlSource source, Map<String, Sql> scope, Set<KqlFunction> usedFunctions) {
        this.source = source;
        this.scope = scope;
        this.usedFunctions = usedFunctions;
        this.functions = new FunctionTranslator(this, source);
    }

    KqlException error(Expr expr, String message) {
        return source.error(expr.position(), message);
    }

    String call(KqlFunction function, String... arguments) {
        usedFunctions.add(function);
        return function.name() + "(" + String.join(", ", arguments) + ")";
    }

    /** Translates an expression that must have the given type. */
    Sql translate(Expr expr, Type expected, String role) {
        Sql sql = translate(expr);
        if (sql.type() != expected) {
            throw error(expr, role + " must be " + expected.kqlName() + ", not "
                    + sql.type().kqlName());
        }
        return sql;
    }

    Sql translate(Expr expr) {
        if (expr instanceof Expr.Column column) {
            return column(column);
        }
        if (expr instanceof Expr.StringLiteral literal) {
            return new Sql(SqlText.stringLiteral(literal.value()), Type.STRING, Sql.Kind.LITERAL);
        }
        if (expr instanceof Expr.LongLiteral literal) {
            return new Sql(Long.toString(literal.value()), Type.LONG, Sql.Kind.LITERAL);
        }
        if (expr instanceof Expr.RealLiteral literal) {
            // A plain 1.5 is a DECIMAL in Flink SQL, and KQL's real is a double.
            return new Sql("CAST(" + literal.text() + " AS DOUBLE)", Type.REAL, Sql.Kind.LITERAL);
        }
        if (expr instanceof Expr.BoolLiteral literal) {
            return new Sql(literal.value() ? "TRUE" : "FALSE", Type.BOOL, Sql.Kind.LITERAL);
        }
        if (expr instanceof Expr.Negate negate) {
            return negate(negate);
        }
        if (expr instanceof Expr.Binary binary) {
            return binary(binary);
        }
        if (expr instanceof Expr.In in) {
            return in(in);
        }
        if (expr instanceof Expr.Call call) {
            return functions.translate(call);
        }
        throw error(expr, "'[index]' is only supported as tostring(split(text, delimiter)[index])");
    }

    private Sql column(Expr.Column column) {
        Sql sql = scope.get(column.name());
        if (sql != null) {
            return sql;
        }
        for (String name : scope.keySet()) {
            if (name.equalsIgnoreCase(column.name())) {
                throw error(column, "unknown column '" + column.name() + "'; column names are"
                        + " case-sensitive, did you mean '" + name + "'?");
            }
        }
        throw error(column, "unknown column '" + column.name() + "'");
    }

    private Sql negate(Expr.Negate negate) {
        Sql operand = translate(negate.operand());
        if (!operand.type().isNumeric()) {
            throw error(negate, "unary '-' needs a number, not " + operand.type().kqlName());
        }
        if (operand.kind() == Sql.Kind.LITERAL) {
            // -(-1) is 1: writing --1 would start an SQL comment.
            String text = operand.text();
            String negated = text.startsWith("-") ? text.substring(1) : "-" + text;
            return new Sql(negated, operand.type(), Sql.Kind.LITERAL);
        }
        return Sql.value("-(" + operand.text() + ")", operand.type());
    }

    private Sql binary(Expr.Binary binary) {
        String operator = binary.operator();
        if (operator.equals("and") || operator.equals("or")) {
            return logical(binary);
        }
        Sql left = translate(binary.left());
        Sql right = translate(binary.right());
        return switch (operator) {
            case "+", "-" -> arithmetic(binary, left, right);
            case "==", "!=" -> equality(binary, left, right);
            case "<", "<=", ">", ">=" -> ordering(binary, left, right);
            default -> stringOperator(binary, left, right);
        };
    }

    private Sql logical(Expr.Binary binary) {
        Sql left = translate(binary.left(), Type.BOOL, "the left side of '" + binary.operator()
                + "'");
        Sql right =
                translate(binary.right(), Type.BOOL, "the right side of '" + binary.operator()
                        + "'");
        Sql.Kind kind = binary.operator().equals("and") ? Sql.Kind.AND : Sql.Kind.OR;
        String keyword = kind == Sql.Kind.AND ? "AND" : "OR";
        String text = chainPart(left, kind) + "\n" + keyword + " " + chainPart(right, kind);
        return new Sql(text, Type.BOOL, kind);
    }

    private static String chainPart(Sql sql, Sql.Kind chain) {
        return sql.kind() == chain ? sql.text() : sql.operand();
    }

    private Sql arithmetic(Expr.Binary binary, Sql left, Sql right) {
        if (!left.type().isNumeric() || !right.type().isNumeric()) {
            throw error(binary, "'" + binary.operator() + "' needs numbers, not "
                    + left.type().kqlName() + " and " + right.type().kqlName());
        }
        Type type = widen(left.type(), right.type());
        if (type == Type.REAL) {
            return Sql.value("(" + left.text() + " " + binary.operator() + " " + right.text()
                    + ")", type);
        }
        // KQL computes integer arithmetic in long, where SQL would add two INTs, or an INT and a
        // small literal, as INT and overflow at 2^31. One BIGINT operand makes SQL use BIGINT.
        boolean bigint = isBigint(left) || isBigint(right);
        String leftText = bigint ? left.text() : asBigint(left);
        return Sql.value("(" + leftText + " " + binary.operator() + " " + right.text() + ")",
                type);
    }

    private static boolean isBigint(Sql sql) {
        return sql.type() == Type.LONG && sql.kind() != Sql.Kind.LITERAL;
    }

    private static String asBigint(Sql sql) {
        return "CAST(" + sql.text() + " AS BIGINT)";
    }

    /** Returns the type of {@code a + b}: real if either is real, else long, as in KQL. */
    static Type widen(Type a, Type b) {
        return a == Type.REAL || b == Type.REAL ? Type.REAL : Type.LONG;
    }

    private Sql equality(Expr.Binary binary, Sql left, Sql right) {
        boolean comparable =
                left.type() == right.type()
                        || (left.type().isNumeric() && right.type().isNumeric());
        if (!comparable || left.type() == Type.DATETIME) {
            throw error(binary, "cannot compare " + left.type().kqlName() + " with "
                    + right.type().kqlName() + " using '" + binary.operator() + "'");
        }
        boolean equals = binary.operator().equals("==");
        String leftText = comparand(left);
        String rightText = comparand(right);
        String comparison = leftText + " " + (equals ? "=" : "<>") + " " + rightText;
        boolean leftLiteral = left.kind() == Sql.Kind.LITERAL;
        boolean rightLiteral = right.kind() == Sql.Kind.LITERAL;
        // Strings are never null, and literals are not null.
        if (left.type() == Type.STRING || (leftLiteral && rightLiteral)) {
            return Sql.value(comparison, Type.BOOL);
        }
        // In KQL a null compared with a value is false for == and true for !=. SQL gives null
        // there, which a where clause treats as false. Two nulls compare as null in both.
        String nullAndValue = "COALESCE(" + comparison + ", " + (equals ? "FALSE" : "TRUE") + ")";
        if (leftLiteral || rightLiteral) {
            return Sql.value(nullAndValue, Type.BOOL);
        }
        return Sql.value(
                "CASE WHEN " + leftText + " IS NULL AND " + rightText + " IS NULL"
                        + " THEN CAST(NULL AS BOOLEAN) ELSE " + nullAndValue + " END",
                Type.BOOL);
    }

    private static String comparand(Sql sql) {
        boolean predicate = sql.type() == Type.BOOL && sql.kind() == Sql.Kind.VALUE;
        return predicate ? "(" + sql.text() + ")" : sql.operand();
    }

    private Sql ordering(Expr.Binary binary, Sql left, Sql right) {
        if (!left.type().isNumeric() || !right.type().isNumeric()) {
            throw error(binary, "'" + binary.operator() + "' is only supported on numbers, not "
                    + left.type().kqlName() + " and " + right.type().kqlName());
        }
        return Sql.value(left.text() + " " + binary.operator() + " " + right.text(), Type.BOOL);
    }

    private Sql stringOperator(Expr.Binary binary, Sql left, Sql right) {
        String operator = binary.operator();
        if (left.type() != Type.STRING || right.type() != Type.STRING) {
            throw error(binary, "'" + operator + "' needs strings, not " + left.type().kqlName()
                    + " and " + right.type().kqlName());
        }
        boolean negated = operator.startsWith("!");
        KqlFunction function = switch (negated ? operator.substring(1) : operator) {
            case "=~", "~" -> KqlFunction.KQL_EQUALS_IGNORE_CASE;
            case "contains" -> KqlFunction.KQL_CONTAINS;
            case "contains_cs" -> KqlFunction.KQL_CONTAINS_CS;
            case "startswith" -> KqlFunction.KQL_STARTSWITH;
            case "startswith_cs" -> KqlFunction.KQL_STARTSWITH_CS;
            case "endswith" -> KqlFunction.KQL_ENDSWITH;
            case "endswith_cs" -> KqlFunction.KQL_ENDSWITH_CS;
            default -> throw error(binary, "'" + operator + "' is not supported");
        };
        String text = call(function, left.text(), right.text());
        return Sql.value(negated ? "NOT " + text : text, Type.BOOL);
    }

    private Sql in(Expr.In in) {
        Sql left = translate(in.left());
        boolean ignoreCase = in.operator().endsWith("~");
        if (ignoreCase && left.type() != Type.STRING) {
            throw error(in, "'" + in.operator() + "' needs a string, not " + left.type().kqlName());
        }
        List<String> tests = new ArrayList<>();
        for (Expr value : in.values()) {
            if (!isLiteral(value)) {
                throw error(value, "'" + in.operator() + "' is only supported with a list of"
                        + " literals");
            }
            Sql right = translate(value);
            if (ignoreCase) {
                tests.add(call(KqlFunction.KQL_EQUALS_IGNORE_CASE, left.text(), right.text()));
            } else {
                Expr.Binary equals = new Expr.Binary("==", in.left(), value, in.position());
                tests.add(equality(equals, left, right).text());
            }
        }
        String any = String.join(" OR ", tests);
        if (in.operator().startsWith("!")) {
            return Sql.value("NOT (" + any + ")", Type.BOOL);
        }
        return Sql.value(tests.size() == 1 ? any : "(" + any + ")", Type.BOOL);
    }

    static boolean isLiteral(Expr expr) {
        return expr instanceof Expr.StringLiteral
                || expr instanceof Expr.LongLiteral
                || expr instanceof Expr.RealLiteral
                || expr instanceof Expr.BoolLiteral
                || (expr instanceof Expr.Negate negate && isLiteral(negate.operand()));
    }
}
