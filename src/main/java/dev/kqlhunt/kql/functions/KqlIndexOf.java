package dev.kqlhunt.kql.functions;

import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code indexof(s, lookup, start)}, in code points. */
public final class KqlIndexOf extends ScalarFunction {

    public long eval(String s, String lookup, long start) {
        return KqlStrings.indexOf(s, lookup, start);
    }
}
