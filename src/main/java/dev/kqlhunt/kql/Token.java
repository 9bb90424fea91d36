package dev.kqlhunt.kql;

/**
 * A lexical token of a KQL query.
 *
 * @param kind what the token is
 * @param text the token as written, or the decoded value for a string literal
 * @param position where the token starts
 * @param start the offset of the token's first character in the query text
 * @param end the offset just past the token's last character
 */
record Token(Kind kind, String text, KqlPosition position, int start, int end) {

    enum Kind {
        IDENTIFIER,
        STRING,
        LONG,
        REAL,
        SYMBOL,
        END
    }

    boolean is(Kind expected, String expectedText) {
        return kind == expected && text.equals(expectedText);
    }

    boolean isSymbol(String symbol) {
        return is(Kind.SYMBOL, symbol);
    }

    boolean isKeyword(String keyword) {
        return is(Kind.IDENTIFIER, keyword);
    }

    /** Returns whether {@code next} starts right where this token ends. */
    boolean touches(Token next) {
        return end == next.start;
    }

    /** Returns the token as it should appear in an error message. */
    String describe() {
        return switch (kind) {
            case END -> "end of query";
            case STRING -> "string literal";
            default -> "'" + text + "'";
        };
    }
}
