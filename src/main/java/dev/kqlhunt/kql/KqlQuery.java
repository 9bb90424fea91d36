package dev.kqlhunt.kql;

import java.util.List;

/** A parsed KQL query: a source table and the operators piped after it. */
public record KqlQuery(
        String table, KqlPosition tablePosition, List<TabularOperator> operators) {

    public KqlQuery {
        operators = List.copyOf(operators);
    }
}
