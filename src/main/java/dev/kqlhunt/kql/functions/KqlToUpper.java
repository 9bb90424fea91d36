package dev.kqlhunt.kql.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code toupper}, independent of the default locale. */
public final class KqlToUpper extends ScalarFunction {

    @DataTypeHint("STRING NOT NULL")
    public String eval(String s) {
        return KqlStrings.toUpper(s);
    }
}
