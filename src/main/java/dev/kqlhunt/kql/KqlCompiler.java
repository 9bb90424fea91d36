package dev.kqlhunt.kql;

import dev.kqlhunt.events.EventSchema;
import dev.kqlhunt.kql.functions.KqlFunction;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a KQL query over the {@code Event} table to one Flink SQL {@code SELECT}.
 *
 * <p>Computed columns are inlined into the expressions that use them, and every {@code where}
 * becomes one conjunct of a single {@code WHERE}, so the SQL is a flat {@code SELECT ... FROM
 * Event WHERE ...}. Whatever the compiler does not support raises a {@link KqlException} that
 * names the file, line and column of the construct.
 */
public final class KqlCompiler {

    private static final String HEADER =
            "-- KQL_* functions implement KQL's string semantics: case folding that ignores\n"
                    + "-- the JVM locale, matching literal text (LIKE would treat % and _ as\n"
                    + "-- wildcards), and \"\" in place of a missing string.\n";

    private KqlCompiler() {}

    /** Compiles a query that starts with {@code Event}. */
    public static CompiledQuery compile(KqlSource source) {
        KqlQuery query = KqlParser.parse(source);
        if (!query.table().equals("Event")) {
            throw source.error(query.tablePosition(), "table '" + query.table() + "' is not"
                    + " supported: queries must read the Event table");
        }
        Set<KqlFunction> used = EnumSet.noneOf(KqlFunction.class);
        QueryState state = QueryState.overEvent(source, used);
        for (TabularOperator operator : query.operators()) {
            state.apply(operator);
        }
        String sql = (used.isEmpty() ? "" : HEADER) + state.render();
        List<String> ddl = used.stream().map(KqlFunction::ddl).toList();
        return new CompiledQuery(sql, state.outputColumns(), ddl);
    }

    /**
     * Compiles a KQL predicate over the given columns, for example a tuning exclusion written
     * over a rule's output columns, to a SQL boolean expression that refers to those columns by
     * name. The expression may call any {@link KqlFunction}.
     */
    public static String compilePredicate(KqlSource source, List<OutputColumn> columns) {
        Map<String, Sql> scope = new LinkedHashMap<>();
        for (OutputColumn column : columns) {
            scope.put(column.name(), new Sql(SqlText.identifier(column.name()), column.type(),
                    Sql.Kind.COLUMN));
        }
        Expr predicate = KqlParser.parseExpression(source);
        Set<KqlFunction> used = EnumSet.noneOf(KqlFunction.class);
        ExpressionTranslator translator = new ExpressionTranslator(source, scope, used);
        return translator.translate(predicate, Type.BOOL, "the predicate").text();
    }

    static Map<String, Sql> eventColumns() {
        Map<String, Sql> scope = new LinkedHashMap<>();
        for (EventSchema.Column column : EventSchema.columns()) {
            Sql sql = new Sql(SqlText.identifier(column.name()), Type.of(column.type()),
                    Sql.Kind.COLUMN);
            scope.put(column.name(), sql);
        }
        return scope;
    }
}
