package dev.kqlhunt.kql.functions;

import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code strlen}, in code points. */
public final class KqlStrlen extends ScalarFunction {

    public long eval(String s) {
        return KqlStrings.strlen(s);
    }
}
