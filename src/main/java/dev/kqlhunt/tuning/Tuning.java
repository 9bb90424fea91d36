package dev.kqlhunt.tuning;

import org.apache.flink.table.api.Table;

import dev.kqlhunt.kql.CompiledQuery;
import dev.kqlhunt.kql.KqlCompiler;
import dev.kqlhunt.kql.OutputColumn;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.flink.table.api.Expressions.$;
import static org.apache.flink.table.api.Expressions.callSql;

/**
 * A rule's active exclusions compiled to SQL, and the split of its results into kept and
 * excluded rows. The split is a pure {@code Table -> Table} function, so batch hunts and
 * streaming evaluation apply the same tuning.
 *
 * <p>A result is excluded when an exclusion's predicate is true for it; a predicate that is false
 * or SQL {@code NULL} keeps the row. When several exclusions match one row, the first in file
 * order is credited with it, so every excluded row is counted exactly once.
 */
public final class Tuning implements Serializable {

    /** The column that names the exclusion a row matched, or is null for a kept row. */
    public static final String EXCLUDED_BY_COLUMN = "__excluded_by";

    private static final String COUNTER_PREFIX = "kqlhunt.excluded.";

    /** No exclusions: every result is kept. */
    public static final Tuning NONE = new Tuning(List.of());

    /** One active exclusion with its predicate as a SQL boolean expression. */
    public record Compiled(String name, String sql) implements Serializable {}

    /**
     * The results of a rule after tuning.
     *
     * @param kept the results that no exclusion matched, with the same columns as the input
     * @param excluded one row per excluded result: {@link #EXCLUDED_BY_COLUMN} and {@link
     *     CompiledQuery#EVENT_TIME_COLUMN}; null when there are no active exclusions
     */
    public record Split(Table kept, Table excluded) {}

    private final List<Compiled> exclusions;

    private Tuning(List<Compiled> exclusions) {
        this.exclusions = List.copyOf(exclusions);
    }

    /**
     * Compiles the exclusions of {@code file} that are active on {@code today} against the
     * rule's output columns.
     *
     * @throws dev.kqlhunt.kql.KqlException naming the tuning file, line and column of a predicate
     *     that does not compile
     */
    public static Tuning compile(TuningFile file, List<OutputColumn> columns, LocalDate today) {
        List<Compiled> compiled = new ArrayList<>();
        for (Exclusion exclusion : file.active(today)) {
            String sql = KqlCompiler.compilePredicate(exclusion.where(), columns);
            compiled.add(new Compiled(exclusion.name(), sql));
        }
        return new Tuning(compiled);
    }

    public List<Compiled> exclusions() {
        return exclusions;
    }

    /** Returns the names of the applied exclusions, in file order. */
    public List<String> names() {
        return exclusions.stream().map(Compiled::name).toList();
    }

    /** Splits a rule's results, as {@code Detection.results} returns them, by the exclusions. */
    public Split split(Table results) {
        if (exclusions.isEmpty()) {
            return new Split(results, null);
        }
        Table annotated = results.addColumns(callSql(caseExpression()).as(EXCLUDED_BY_COLUMN));
        Table kept =
                annotated.where($(EXCLUDED_BY_COLUMN).isNull()).dropColumns($(EXCLUDED_BY_COLUMN));
        Table excluded =
                annotated.where($(EXCLUDED_BY_COLUMN).isNotNull())
                        .select($(EXCLUDED_BY_COLUMN), $(CompiledQuery.EVENT_TIME_COLUMN));
        return new Split(kept, excluded);
    }

    /** Returns {@code CASE WHEN p1 THEN 'name1' ... END}: the first matching exclusion's name. */
    String caseExpression() {
        StringBuilder sql = new StringBuilder("CASE");
        for (Compiled exclusion : exclusions) {
            // The cast keeps Flink from typing the names as CHAR(n) padded to the longest one.
            sql.append("\nWHEN ").append(exclusion.sql().replace("\n", "\n    "))
                    .append("\nTHEN CAST(").append(stringLiteral(exclusion.name()))
                    .append(" AS STRING)");
        }
        return sql.append("\nEND").toString();
    }

    private static String stringLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Returns the accumulator that counts the rows one exclusion removed from a rule. */
    public static String counterName(String ruleFolder, String exclusionName) {
        return COUNTER_PREFIX + ruleFolder + "/" + exclusionName;
    }
}
