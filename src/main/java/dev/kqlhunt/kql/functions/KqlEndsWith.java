package dev.kqlhunt.kql.functions;

import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code endswith}: case-insensitive suffix test. */
public final class KqlEndsWith extends ScalarFunction {

    public boolean eval(String s, String suffix) {
        return KqlStrings.endsWithIgnoreCase(s, suffix);
    }
}
