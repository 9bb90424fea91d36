package dev.kqlhunt.kql.functions;

import org.apache.flink.table.functions.ScalarFunction;

/** The SQL functions that compiled KQL calls, with the classes that implement them. */
public enum KqlFunction {
    KQL_EQUALS_IGNORE_CASE(KqlEqualsIgnoreCase.class),
    KQL_CONTAINS(KqlContains.class),
    KQL_CONTAINS_CS(KqlContainsCs.class),
    KQL_STARTSWITH(KqlStartsWith.class),
    KQL_STARTSWITH_CS(KqlStartsWithCs.class),
    KQL_ENDSWITH(KqlEndsWith.class),
    KQL_ENDSWITH_CS(KqlEndsWithCs.class),
    KQL_TOLOWER(KqlToLower.class),
    KQL_TOUPPER(KqlToUpper.class),
    KQL_STRLEN(KqlStrlen.class),
    KQL_INDEXOF(KqlIndexOf.class),
    KQL_SUBSTRING(KqlSubstring.class),
    KQL_SPLIT_PART(KqlSplitPart.class),
    KQL_TRIM_LITERAL(KqlTrimLiteral.class),
    KQL_TOINT(KqlToInt.class),
    KQL_TOLONG(KqlToLong.class),
    KQL_TOSTRING(KqlToString.class);

    private final Class<? extends ScalarFunction> implementation;

    KqlFunction(Class<? extends ScalarFunction> implementation) {
        this.implementation = implementation;
    }

    public Class<? extends ScalarFunction> implementation() {
        return implementation;
    }

    /** Returns the statement that registers this function, for Flink's SQL client. */
    public String ddl() {
        return "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS "
                + name()
                + " AS '"
                + implementation.getName()
                + "' LANGUAGE JAVA;";
    }
}
