package dev.kqlhunt.kql.functions;

import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code contains}: case-insensitive substring test, no wildcards. */
public final class KqlContains extends ScalarFunction {

    public boolean eval(String s, String part) {
        return KqlStrings.containsIgnoreCase(s, part);
    }
}
