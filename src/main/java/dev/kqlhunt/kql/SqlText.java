package dev.kqlhunt.kql;

/** Helpers that write Flink SQL text. */
final class SqlText {

    private SqlText() {}

    /** Quotes an identifier with backticks, so that no name can clash with a keyword. */
    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * Writes a SQL string literal. Only the quote needs escaping: Flink SQL treats a backslash,
     * {@code %}, {@code _}, {@code --} and {@code /*} inside quotes as ordinary characters.
     */
    static String stringLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Turns text into something safe to put after {@code --}: one line, no control characters. */
    static String comment(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean breaksLine =
                    Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085';
            out.append(breaksLine ? ' ' : c);
        }
        return out.toString();
    }

    /** Indents every line of {@code text} by four spaces. */
    static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }
}
