package dev.kqlhunt.kql;

import dev.kqlhunt.events.EventSchema;
import dev.kqlhunt.kql.functions.KqlFunction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns and filters of a query after each tabular operator: every column maps to the SQL
 * that computes it from {@code Event}, and every {@code where} adds a conjunct.
 */
final class QueryState {

    /** A {@code where} predicate with the KQL it came from. */
    private record Filter(String kql, Sql sql) {}

    private final KqlSource source;
    private final Set<KqlFunction> usedFunctions;
    private Map<String, Sql> columns;
    /** The KQL assignment behind each computed column, for a comment in the SQL. */
    private Map<String, String> origins = new LinkedHashMap<>();
    private final List<Filter> filters = new ArrayList<>();

    private QueryState(KqlSource source, Set<KqlFunction> usedFunctions, Map<String, Sql> columns) {
        this.source = source;
        this.usedFunctions = usedFunctions;
        this.columns = columns;
    }

    static QueryState overEvent(KqlSource source, Set<KqlFunction> usedFunctions) {
        return new QueryState(source, usedFunctions, KqlCompiler.eventColumns());
    }

    private ExpressionTranslator translator(Map<String, Sql> scope) {
        return new ExpressionTranslator(source, scope, usedFunctions);
    }

    void apply(TabularOperator operator) {
        if (operator instanceof TabularOperator.Where where) {
            Sql predicate = translator(columns).translate(where.predicate(), Type.BOOL,
                    "the predicate of where");
            filters.add(new Filter(where.text(), predicate));
        } else if (operator instanceof TabularOperator.Extend extend) {
            extend(extend);
        } else if (operator instanceof TabularOperator.Project project) {
            project(project);
        } else if (operator instanceof TabularOperator.ProjectAway away) {
            projectAway(away);
        } else if (operator instanceof TabularOperator.ProjectRename rename) {
            projectRename(rename);
        }
    }

    /**
     * Adds columns at the end. As KQL's extend does, a column that already exists is removed and
     * appended with its new value.
     */
    private void extend(TabularOperator.Extend extend) {
        for (TabularOperator.Assignment assignment : extend.assignments()) {
            checkName(assignment.name(), assignment.position());
            Sql value = translator(columns).translate(assignment.expression());
            columns.remove(assignment.name());
            origins.remove(assignment.name());
            columns.put(assignment.name(), value);
            origins.put(assignment.name(), assignment.text());
        }
    }

    private void project(TabularOperator.Project project) {
        Map<String, Sql> projected = new LinkedHashMap<>();
        Map<String, String> projectedOrigins = new LinkedHashMap<>();
        ExpressionTranslator translator = translator(columns);
        for (TabularOperator.Assignment assignment : project.assignments()) {
            checkName(assignment.name(), assignment.position());
            if (projected.containsKey(assignment.name())) {
                throw source.error(assignment.position(), "column '" + assignment.name()
                        + "' appears twice in project");
            }
            projected.put(assignment.name(), translator.translate(assignment.expression()));
            if (assignment.expression() instanceof Expr.Column column) {
                String origin = origins.get(column.name());
                if (origin != null && column.name().equals(assignment.name())) {
                    projectedOrigins.put(assignment.name(), origin);
                }
            } else {
                projectedOrigins.put(assignment.name(), assignment.text());
            }
        }
        columns = projected;
        origins = projectedOrigins;
    }

    private void projectAway(TabularOperator.ProjectAway away) {
        for (TabularOperator.ColumnName column : away.columns()) {
            if (!columns.containsKey(column.name())) {
                throw source.error(column.position(), "project-away: unknown column '"
                        + column.name() + "'");
            }
            columns.remove(column.name());
            origins.remove(column.name());
        }
    }

    /** Renames columns in place, keeping their positions. */
    private void projectRename(TabularOperator.ProjectRename rename) {
        for (TabularOperator.Rename pair : rename.renames()) {
            String oldName = pair.oldName().name();
            String newName = pair.newName().name();
            if (!columns.containsKey(oldName)) {
                throw source.error(pair.oldName().position(), "project-rename: unknown column '"
                        + oldName + "'");
            }
            checkName(newName, pair.newName().position());
            if (!newName.equals(oldName) && columns.containsKey(newName)) {
                throw source.error(pair.newName().position(), "project-rename: column '" + newName
                        + "' already exists");
            }
            Map<String, Sql> renamed = new LinkedHashMap<>();
            columns.forEach((name, sql) -> renamed.put(name.equals(oldName) ? newName : name, sql));
            columns = renamed;
            String origin = origins.remove(oldName);
            if (origin != null) {
                origins.put(newName, origin);
            }
        }
    }

    private void checkName(String name, KqlPosition position) {
        if (name.equals(CompiledQuery.EVENT_TIME_COLUMN)) {
            throw source.error(position, "column name '" + name + "' is reserved for the event"
                    + " time that every result row carries");
        }
    }

    List<OutputColumn> outputColumns() {
        List<OutputColumn> result = new ArrayList<>();
        columns.forEach((name, sql) -> result.add(new OutputColumn(name, sql.type())));
        return result;
    }

    String render() {
        List<String> items = new ArrayList<>();
        columns.forEach((name, sql) -> items.add(selectItem(name, sql)));
        String eventTime = SqlText.identifier(EventSchema.TIME_GENERATED);
        items.add("-- TimeGenerated of the source row, kept for time windows\n"
                + eventTime + " AS " + SqlText.identifier(CompiledQuery.EVENT_TIME_COLUMN));
        StringBuilder sql = new StringBuilder("SELECT\n");
        sql.append(SqlText.indent(String.join(",\n", items))).append('\n');
        sql.append("FROM ").append(SqlText.identifier("Event"));
        if (!filters.isEmpty()) {
            sql.append("\nWHERE\n");
            List<String> conjuncts = new ArrayList<>();
            for (int i = 0; i < filters.size(); i++) {
                Filter filter = filters.get(i);
                String text = filter.sql().kind() == Sql.Kind.AND
                        ? filter.sql().text()
                        : filter.sql().operand();
                String prefix = i == 0 ? "" : "AND ";
                conjuncts.add("-- " + SqlText.comment(filter.kql()) + "\n" + prefix + text);
            }
            sql.append(SqlText.indent(String.join("\n", conjuncts)));
        }
        return sql.append('\n').toString();
    }

    private String selectItem(String name, Sql sql) {
        String alias = SqlText.identifier(name);
        if (sql.kind() == Sql.Kind.COLUMN) {
            return sql.text().equals(alias) ? alias : sql.text() + " AS " + alias;
        }
        String value = switch (sql.type()) {
            // Flink's type of the expression can be narrower than KQL's, for example INT for
            // KQL's long literal 1; the cast gives the result column the KQL type.
            case INT -> "CAST(" + sql.text() + " AS INT)";
            case LONG -> "CAST(" + sql.text() + " AS BIGINT)";
            case REAL -> "CAST(" + sql.text() + " AS DOUBLE)";
            default -> sql.asStringValue();
        };
        String origin = origins.get(name);
        String comment = origin == null ? "" : "-- " + SqlText.comment(origin) + "\n";
        return comment + value + " AS " + alias;
    }
}
