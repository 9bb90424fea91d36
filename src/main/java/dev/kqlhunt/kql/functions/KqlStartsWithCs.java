package dev.kqlhunt.kql.functions;

import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code startswith_cs}: case-sensitive prefix test. */
public final class KqlStartsWithCs extends ScalarFunction {

    public boolean eval(String s, String prefix) {
        return KqlStrings.startsWith(s, prefix);
    }
}
