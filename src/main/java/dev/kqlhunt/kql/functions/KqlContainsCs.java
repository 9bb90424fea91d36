package dev.kqlhunt.kql.functions;

import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code contains_cs}: case-sensitive substring test, no wildcards. */
public final class KqlContainsCs extends ScalarFunction {

    public boolean eval(String s, String part) {
        return KqlStrings.contains(s, part);
    }
}
