package dev.kqlhunt.kql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a KQL query into tokens. Skips whitespace and {@code //} comments, and decodes string
 * literals: {@code "..."} and {@code '...'} with backslash escapes, verbatim {@code @"..."} and
 * {@code @'...'} where a doubled quote stands for one, each optionally prefixed by {@code h} or
 * {@code H} (KQL's obfuscated literals, which only hide the value from logs).
 */
final class KqlLexer {

    private static final String[] SYMBOLS = {
        "==", "!=", "=~", "!~", "<=", ">=", "|", "(", ")", "[", "]", ",", "=", "<", ">", "+", "-",
        "*", "/", "%", "!", "~", ".", ";", ":"
    };

    private final KqlSource source;
    private final String text;
    private final List<Token> tokens = new ArrayList<>();
    private int offset;
    private int line;
    private int lineStart;

    private KqlLexer(KqlSource source) {
        this.source = source;
        this.text = source.text();
    }

    static List<Token> tokenize(KqlSource source) {
        KqlLexer lexer = new KqlLexer(source);
        lexer.run();
        return lexer.tokens;
    }

    private KqlPosition position(int at) {
        return new KqlPosition(line, at - lineStart + 1);
    }

    private char peek(int ahead) {
        int at = offset + ahead;
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void run() {
        while (true) {
            skipWhitespaceAndComments();
            if (offset >= text.length()) {
                tokens.add(new Token(Token.Kind.END, "", position(offset), offset, offset));
                return;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespaceAndComments() {
        while (offset < text.length()) {
            char c = text.charAt(offset);
            if (c == '\n') {
                offset++;
                line++;
                lineStart = offset;
            } else if (Character.isWhitespace(c)) {
                offset++;
            } else if (c == '/' && peek(1) == '/') {
                while (offset < text.length() && text.charAt(offset) != '\n') {
                    offset++;
                }
            } else {
                return;
            }
        }
    }

    private Token next() {
        char c = text.charAt(offset);
        if ((c == 'h' || c == 'H') && startsString(1)) {
            return string(offset, offset + 1);
        }
        if (startsString(0)) {
            return string(offset, offset);
        }
        if (Character.isLetter(c) || c == '_') {
            return identifier();
        }
        if (Character.isDigit(c)) {
            return number();
        }
        for (String symbol : SYMBOLS) {
            if (text.startsWith(symbol, offset)) {
                int start = offset;
                offset += symbol.length();
                return new Token(Token.Kind.SYMBOL, symbol, position(start), start, offset);
            }
        }
        throw source.error(position(offset), "unexpected character '" + c + "'");
    }

    private boolean startsString(int ahead) {
        char c = peek(ahead);
        if (c == '@') {
            c = peek(ahead + 1);
        }
        return c == '"' || c == '\'';
    }

    private Token identifier() {
        int start = offset;
        while (offset < text.length()
                && (Character.isLetterOrDigit(text.charAt(offset)) || text.charAt(offset) == '_')) {
            offset++;
        }
        return new Token(
                Token.Kind.IDENTIFIER, text.substring(start, offset), position(start), start,
                        offset);
    }

    private Token number() {
        int start = offset;
        boolean real = false;
        while (Character.isDigit(peek(0))) {
            offset++;
        }
        if (peek(0) == '.' && Character.isDigit(peek(1))) {
            real = true;
            offset++;
            while (Character.isDigit(peek(0))) {
                offset++;
            }
        }
        if ((peek(0) == 'e' || peek(0) == 'E')
                && (Character.isDigit(peek(1))
                        || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
            real = true;
            offset += 2;
            while (Character.isDigit(peek(0))) {
                offset++;
            }
        }
        if (Character.isLetter(peek(0)) || peek(0) == '_') {
            while (Character.isLetterOrDigit(peek(0))) {
                offset++;
            }
            throw source.error(
                    position(start),
                    "literal '"
                            + text.substring(start, offset)
                            + "' is not supported: timespan and other suffixed literals are not"
                            + " supported");
        }
        Token.Kind kind = real ? Token.Kind.REAL : Token.Kind.LONG;
        return new Token(kind, text.substring(start, offset), position(start), start, offset);
    }

    private Token string(int start, int quoteAt) {
        offset = quoteAt;
        boolean verbatim = text.charAt(offset) == '@';
        if (verbatim) {
            offset++;
        }
        char quote = text.charAt(offset);
        offset++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (offset >= text.length() || text.charAt(offset) == '\n') {
                throw source.error(position(start), "string literal is not terminated");
            }
            char c = text.charAt(offset);
            if (c == quote) {
                if (verbatim && peek(1) == quote) {
                    value.append(quote);
                    offset += 2;
                    continue;
                }
                offset++;
                return new Token(Token.Kind.STRING, value.toString(), position(start), start,
                        offset);
            }
            if (c == '\\' && !verbatim) {
                value.append(escape());
                continue;
            }
            value.append(c);
            offset++;
        }
    }

    private String escape() {
        int start = offset;
        char c = peek(1);
        offset += 2;
        switch (c) {
            case '\\':
                return "\\";
            case '"':
                return "\"";
            case '\'':
                return "'";
            case 'n':
                return "\n";
            case 'r':
                return "\r";
            case 't':
                return "\t";
            case 'u':
                String hex = offset + 4 <= text.length() ? text.substring(offset, offset + 4) : "";
                if (hex.matches("[0-9A-Fa-f]{4}")) {
                    offset += 4;
                    return String.valueOf((char) Integer.parseInt(hex, 16));
                }
                throw source.error(position(start), "invalid \\u escape: expected 4 hex digits");
            default:
                throw source.error(
                        position(start),
                        "escape sequence '\\" + c + "' is not supported; use a verbatim @\"...\""
                                + " literal for backslashes");
        }
    }
}
