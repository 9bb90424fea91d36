package dev.kqlhunt.job;

import dev.kqlhunt.kql.CompiledQuery;
import dev.kqlhunt.rule.Rule;

/**
 * Renders a rule's compiled query as the {@code detection.sql} script kept beside the rule: the
 * function declarations it needs and the query, runnable from Flink's SQL client once the
 * project's jar is added and an {@code Event} table is declared.
 */
public final class DetectionScript {

    public static final String FILE_NAME = "detection.sql";

    private DetectionScript() {}

    public static String render(Rule rule, CompiledQuery query) {
        StringBuilder script = new StringBuilder();
        script.append("-- ").append(rule.name()).append('\n');
        script.append("-- Rule ").append(rule.id()).append(", version ").append(rule.version())
                .append('\n');
        script.append("-- Generated from rule.yaml by `kql-hunt explain --write`; edit the rule,")
                .append(" not this file.\n");
        script.append("-- The query reads a table named Event with the columns of Log Analytics'")
                .append(" Event table.\n");
        script.append("-- Its last column, ").append(CompiledQuery.EVENT_TIME_COLUMN)
                .append(", is not part of the KQL result: it carries each\n")
                .append("-- source row's TimeGenerated to the rule's schedule windows.\n")
                .append("-- In Flink's SQL client: ADD JAR 'target/kql-hunt-job.jar'; declare or\n")
                .append("-- view an Event table; then run this script.\n\n");
        for (String ddl : query.functionDdl()) {
            script.append(ddl.strip().replaceAll(";+$", "")).append(";\n");
        }
        script.append('\n').append(query.sql().strip()).append(";\n");
        return script.toString();
    }
}
