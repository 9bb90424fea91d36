package dev.kqlhunt.lint;

import dev.kqlhunt.kql.Expr;
import dev.kqlhunt.kql.KqlPosition;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reports the columns an expression reads that are not in scope, with the closest one. */
final class ColumnCheck {

    private final Collection<String> scope;
    private final String scopeName;
    private final Map<KqlPosition, String> dottedNames;
    private final List<LenientText.Problem> problems;

    /**
     * @param scopeName what the scope is, for messages, such as "the Event table"
     * @param dottedNames names written with dots, by position, from {@link LenientText}
     */
    ColumnCheck(
            Collection<String> scope,
            String scopeName,
            Map<KqlPosition, String> dottedNames,
            List<LenientText.Problem> problems) {
        this.scope = scope;
        this.scopeName = scopeName;
        this.dottedNames = dottedNames;
        this.problems = problems;
    }

    /** Returns the column's name as written, dots included. */
    String nameOf(Expr.Column column) {
        return dottedNames.getOrDefault(column.position(), column.name());
    }

    void check(Expr expr) {
        if (expr instanceof Expr.Column column) {
            checkName(nameOf(column), column.position());
        } else if (expr instanceof Expr.Negate negate) {
            check(negate.operand());
        } else if (expr instanceof Expr.Binary binary) {
            check(binary.left());
            check(binary.right());
        } else if (expr instanceof Expr.In in) {
            check(in.left());
            in.values().forEach(this::check);
        } else if (expr instanceof Expr.Call call) {
            call.arguments().forEach(this::check);
        } else if (expr instanceof Expr.Index index) {
            check(index.target());
            check(index.index());
        }
    }

    /** Reports {@code name} if it is not in scope; returns whether it is. */
    boolean checkName(String name, KqlPosition position) {
        if (scope.contains(name)) {
            return true;
        }
        problems.add(new LenientText.Problem(LintCode.UNKNOWN_COLUMN, position, name,
                message(name)));
        return false;
    }

    private String message(String name) {
        StringBuilder message = new StringBuilder("unknown column '" + name + "' in " + scopeName);
        if (name.contains(".")) {
            message.append(": dotted names such as process.name belong to other log schemas"
                    + " (ECS, Sigma), and Event columns are flat names");
        }
        Optional<String> closest = ColumnNames.closest(name, scope);
        if (closest.isPresent()) {
            message.append("; did you mean '").append(closest.get()).append("'?");
        } else if (name.contains(".")) {
            message.append(", none of them close to this one");
        }
        return message.toString();
    }
}
