package dev.kqlhunt.kql;

import dev.kqlhunt.events.EventSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Derives from a query the text that every row it returns must contain, so that a reader can
 * skip input lines that cannot match before decoding their JSON.
 *
 * <p>The result is a conjunction of groups: a row can only match when, for every group, at least
 * one of the group's literals occurs in one of the row's {@code Event} string columns, compared
 * case-insensitively as {@link KqlStrings} does. It is derived only from the {@code where}
 * operators before the first other operator, where every column name still means the
 * {@code Event} column, and only from these tests of a string column against a literal: {@code
 * =~}, {@code ==}, {@code contains}, {@code startswith}, {@code endswith}, their {@code _cs}
 * variants, {@code in} and {@code in~}. {@code and} keeps the groups of both sides; {@code or}
 * needs a group on every side and keeps one group, with one literal from each side. Any other
 * test, a negation among them, adds no group, which is always sound because a conjunction only
 * loses a condition.
 *
 * <p>A literal is kept only when it is non-empty printable ASCII without {@code "}, {@code \},
 * {@code /} or the JSON punctuation {@code [ ] { } , :}. Such text appears unchanged in the raw
 * JSON line whenever the line has no {@code &#92;u} escape, whatever other escapes or whitespace
 * between tokens the line has; a group with any other literal is dropped.
 */
public final class RequiredLiterals {

    private static final String EXCLUDED = "\"\\/[]{},:";

    private RequiredLiterals() {}

    /**
     * Returns the groups of {@code query}, or empty when the query gives no usable condition (so
     * every line must be parsed).
     */
    public static Optional<List<List<String>>> of(KqlQuery query) {
        if (!query.table().equals("Event")) {
            return Optional.empty();
        }
        List<List<String>> groups = new ArrayList<>();
        for (TabularOperator operator : query.operators()) {
            if (!(operator instanceof TabularOperator.Where where)) {
                break;
            }
            groups.addAll(conjuncts(where.predicate()));
        }
        return groups.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(groups));
    }

    /** Collects the groups that {@code expr} implies, none when it implies none. */
    private static List<List<String>> conjuncts(Expr expr) {
        if (expr instanceof Expr.Binary binary && binary.operator().equals("and")) {
            List<List<String>> groups = new ArrayList<>(conjuncts(binary.left()));
            groups.addAll(conjuncts(binary.right()));
            return groups;
        }
        Optional<List<String>> group = group(expr);
        return group.map(List::of).orElseGet(List::of);
    }

    /**
     * Derives one group that {@code expr} implies. An {@code or} joins the literals of both
     * sides. An {@code and} keeps the group whose shortest literal is longest, as the likely
     * rarest.
     */
    private static Optional<List<String>> group(Expr expr) {
        if (expr instanceof Expr.Binary binary && binary.operator().equals("or")) {
            Optional<List<String>> left = group(binary.left());
            Optional<List<String>> right = group(binary.right());
            if (left.isEmpty() || right.isEmpty()) {
                return Optional.empty();
            }
            List<String> both = new ArrayList<>(left.get());
            both.addAll(right.get());
            return Optional.of(List.copyOf(both));
        }
        if (expr instanceof Expr.Binary binary && binary.operator().equals("and")) {
            List<List<String>> groups = conjuncts(binary);
            return groups.stream().max((a, b) -> Integer.compare(shortest(a), shortest(b)));
        }
        return test(expr);
    }

    private static int shortest(List<String> group) {
        return group.stream().mapToInt(String::length).min().orElse(0);
    }

    /** Derives the literals of one string test, any of which the column must contain. */
    private static Optional<List<String>> test(Expr expr) {
        if (expr instanceof Expr.Binary binary) {
            return switch (binary.operator()) {
                case "=~", "==" -> equality(binary.left(), binary.right())
                        .or(() -> equality(binary.right(), binary.left()));
                case "contains", "contains_cs", "startswith", "startswith_cs", "endswith",
                        "endswith_cs" -> equality(binary.left(), binary.right());
                default -> Optional.empty();
            };
        }
        if (expr instanceof Expr.In in && (in.operator().equals("in")
                || in.operator().equals("in~"))) {
            List<String> literals = new ArrayList<>();
            for (Expr value : in.values()) {
                Optional<List<String>> one = equality(in.left(), value);
                if (one.isEmpty()) {
                    return Optional.empty();
                }
                literals.addAll(one.get());
            }
            return literals.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(literals));
        }
        return Optional.empty();
    }

    private static Optional<List<String>> equality(Expr column, Expr literal) {
        if (column instanceof Expr.Column c
                && isStringColumn(c.name())
                && literal instanceof Expr.StringLiteral s
                && usable(s.value())) {
            return Optional.of(List.of(s.value()));
        }
        return Optional.empty();
    }

    private static boolean isStringColumn(String name) {
        return EventSchema.column(name)
                .map(column -> column.type() == EventSchema.KqlType.STRING)
                .orElse(false);
    }

    /** Whether {@code literal} appears verbatim in any JSON text whose decoded value holds it. */
    static boolean usable(String literal) {
        if (literal.isEmpty()) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c < 0x20 || c > 0x7e || EXCLUDED.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
