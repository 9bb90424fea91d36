package dev.kqlhunt.kql.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code tostring} of a string, int, long or bool: {@code ""} for null. */
public final class KqlToString extends ScalarFunction {

    @DataTypeHint("STRING NOT NULL")
    public String eval(String s) {
        return s == null ? "" : s;
    }

    @DataTypeHint("STRING NOT NULL")
    public String eval(Integer value) {
        return value == null ? "" : value.toString();
    }

    @DataTypeHint("STRING NOT NULL")
    public String eval(Long value) {
        return value == null ? "" : value.toString();
    }

    @DataTypeHint("STRING NOT NULL")
    public String eval(Boolean value) {
        return value == null ? "" : value.toString();
    }
}
