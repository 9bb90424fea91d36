package dev.kqlhunt.kql;

import java.util.List;

/**
 * A KQL query compiled to Flink SQL.
 *
 * @param sql one {@code SELECT} over the {@code Event} table. Its result has {@link #columns()}
 *     in order, then the hidden column {@link #EVENT_TIME_COLUMN} with the source row's
 *     {@code TimeGenerated}.
 * @param columns the KQL result columns, in KQL order
 * @param functionDdl the {@code CREATE TEMPORARY SYSTEM FUNCTION} statements the SQL needs
 */
public record CompiledQuery(String sql, List<OutputColumn> columns, List<String> functionDdl) {

    /** The trailing column that carries the source row's {@code TimeGenerated}. */
    public static final String EVENT_TIME_COLUMN = "__event_time";

    public CompiledQuery {
        columns = List.copyOf(columns);
        functionDdl = List.copyOf(functionDdl);
    }
}
