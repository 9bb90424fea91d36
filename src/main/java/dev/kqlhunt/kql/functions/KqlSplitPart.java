package dev.kqlhunt.kql.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code tostring(split(s, delimiter)[index])}. */
public final class KqlSplitPart extends ScalarFunction {

    @DataTypeHint("STRING NOT NULL")
    public String eval(String s, String delimiter, long index) {
        return KqlStrings.splitPart(s, delimiter, index);
    }
}
