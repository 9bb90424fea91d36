package dev.kqlhunt.kql;

import java.util.ArrayList;
import java.util.List;

/** Helpers that write Flink SQL text. */
final class SqlText {

    private SqlText() {}

    /** Quotes an identifier with backticks, so that no name can clash with a keyword. */
    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * Writes a SQL string literal. Inside quotes Flink SQL treats a backslash, {@code %},
     * {@code _}, {@code --} and {@code /*} as ordinary characters, so only the quote is doubled.
     * A line break inside a literal did not match itself when tested on Flink 2.2.1, so every
     * control character is appended with {@code CHR(code)} and the literal is parenthesized.
     */
    static String stringLiteral(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                if (plain.length() > 0) {
                    parts.add(quote(plain.toString()));
                    plain.setLength(0);
                }
                parts.add("CHR(" + (int) c + ")");
            } else {
                plain.append(c);
            }
        }
        if (plain.length() > 0 || parts.isEmpty()) {
            parts.add(quote(plain.toString()));
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" || ", parts) + ")";
    }

    private static String quote(String value) {
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
