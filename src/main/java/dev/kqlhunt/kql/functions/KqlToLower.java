package dev.kqlhunt.kql.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code tolower}, independent of the default locale. */
public final class KqlToLower extends ScalarFunction {

    @DataTypeHint("STRING NOT NULL")
    public String eval(String s) {
        return KqlStrings.toLower(s);
    }
}
