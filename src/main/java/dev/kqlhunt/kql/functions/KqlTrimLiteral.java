package dev.kqlhunt.kql.functions;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

import dev.kqlhunt.kql.KqlStrings;

/** KQL {@code trim(pattern, s)} for a pattern without regular-expression metacharacters. */
public final class KqlTrimLiteral extends ScalarFunction {

    @DataTypeHint("STRING NOT NULL")
    public String eval(String pattern, String s) {
        return KqlStrings.trimLiteral(pattern, s);
    }
}
