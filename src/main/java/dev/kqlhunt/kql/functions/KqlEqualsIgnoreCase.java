package dev.kqlhunt.kql.functions;

import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code =~}: ordinal case-insensitive equality. */
public final class KqlEqualsIgnoreCase extends ScalarFunction {

    public boolean eval(String a, String b) {
        return KqlStrings.equalsIgnoreCase(a, b);
    }
}
