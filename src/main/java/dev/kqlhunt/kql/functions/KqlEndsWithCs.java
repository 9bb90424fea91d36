package dev.kqlhunt.kql.functions;

import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code endswith_cs}: case-sensitive suffix test. */
public final class KqlEndsWithCs extends ScalarFunction {

    public boolean eval(String s, String suffix) {
        return KqlStrings.endsWith(s, suffix);
    }
}
