package dev.kqlhunt.kql.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code substring(s, start[, length])}, in code points. */
public final class KqlSubstring extends ScalarFunction {

    @DataTypeHint("STRING NOT NULL")
    public String eval(String s, Long start) {
        return KqlStrings.substring(s, start, null);
    }

    @DataTypeHint("STRING NOT NULL")
    public String eval(String s, Long start, Long length) {
        return KqlStrings.substring(s, start, length);
    }
}
