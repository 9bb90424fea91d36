package dev.kqlhunt.hardening;

/**
 * Decodes the SQL string expressions the KQL compiler writes for a literal: one quoted string
 * with doubled quotes, one {@code CHR(n)}, or a parenthesized {@code ||} chain of quoted strings and {@code CHR(n)}.
 * Anything else is rejected, so a literal that escaped its quotes fails the decoding.
 */
final class SqlLiterals {

    private SqlLiterals() {}

    static String decode(String sql) {
        if (sql.startsWith("(") && sql.endsWith(")")) {
            StringBuilder value = new StringBuilder();
            String chain = sql.substring(1, sql.length() - 1);
            int pos = 0;
            while (true) {
                pos = part(chain, pos, value);
                if (pos == chain.length()) {
                    return value.toString();
                }
                if (!chain.startsWith(" || ", pos)) {
                    throw new IllegalArgumentException("expected ' || ' at " + pos + ": " + sql);
                }
                pos += 4;
            }
        }
        StringBuilder value = new StringBuilder();
        if (part(sql, 0, value) != sql.length()) {
            throw new IllegalArgumentException("text after the string literal: " + sql);
        }
        return value.toString();
    }

    /** Reads one quoted string or CHR(n) at {@code pos}; returns the position after it. */
    private static int part(String chain, int pos, StringBuilder value) {
        if (chain.startsWith("CHR(", pos)) {
            int end = chain.indexOf(')', pos);
            value.append((char) Integer.parseInt(chain.substring(pos + 4, end)));
            return end + 1;
        }
        return quoted(chain, pos, value);
    }

    private static int quoted(String sql, int pos, StringBuilder value) {
        if (pos >= sql.length() || sql.charAt(pos) != '\'') {
            throw new IllegalArgumentException("expected a quote at " + pos + ": " + sql);
        }
        int i = pos + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("control character inside quotes: " + sql);
            }
            value.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated string literal: " + sql);
    }
}
