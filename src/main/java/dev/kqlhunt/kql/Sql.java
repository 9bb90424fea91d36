package dev.kqlhunt.kql;

/**
 * A translated expression.
 *
 * @param text the SQL text; only boolean combinations span several lines
 * @param type the KQL type of the expression
 * @param kind how the text is built, which decides parentheses and casts around it
 */
record Sql(String text, Type type, Kind kind) {

    enum Kind {
        /** A column reference. */
        COLUMN,
        /** A literal; string literals have Flink type {@code CHAR(n)}. */
        LITERAL,
        /** A call of a function whose result is a {@code STRING}, or any non-string value. */
        VALUE,
        /** A string built by {@code CONCAT}, whose Flink type may be {@code CHAR(n)}. */
        CHAR_VALUE,
        /** {@code a AND b AND ...}. */
        AND,
        /** {@code a OR b OR ...}. */
        OR
    }

    static Sql value(String text, Type type) {
        return new Sql(text, type, Kind.VALUE);
    }

    /**
     * Returns this expression as an operand of a larger one: {@code AND} and {@code OR} chains
     * get parentheses on lines of their own.
     */
    String operand() {
        if (kind == Kind.AND || kind == Kind.OR) {
            return "(\n" + SqlText.indent(text) + "\n)";
        }
        return text;
    }

    /**
     * Returns this expression where its Flink type must be {@code STRING}: a {@code CHAR(n)}
     * string would be blank-padded when it meets a longer string in a {@code CASE}.
     */
    String asStringValue() {
        if (type == Type.STRING && (kind == Kind.LITERAL || kind == Kind.CHAR_VALUE)) {
            return "CAST(" + text + " AS STRING)";
        }
        return operand();
    }
}
