package dev.kqlhunt.kql.functions;

import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code toint} of a string: {@code null} unless it is a decimal int. */
public final class KqlToInt extends ScalarFunction {

    public Integer eval(String s) {
        return KqlStrings.parseInt(s);
    }
}
