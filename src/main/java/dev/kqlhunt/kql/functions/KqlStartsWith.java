package dev.kqlhunt.kql.functions;

import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code startswith}: case-insensitive prefix test. */
public final class KqlStartsWith extends ScalarFunction {

    public boolean eval(String s, String prefix) {
        return KqlStrings.startsWithIgnoreCase(s, prefix);
    }
}
