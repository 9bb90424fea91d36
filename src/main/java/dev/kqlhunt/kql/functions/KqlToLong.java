package dev.kqlhunt.kql.functions;

import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code tolong} of a string: {@code null} unless it is a decimal long. */
public final class KqlToLong extends ScalarFunction {

    public Long eval(String s) {
        return KqlStrings.parseLong(s);
    }
}
