package dev.kqlhunt.kql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the supported subset of KQL into a {@link KqlQuery}, or a single expression for
 * {@link #parseExpression}. Precedence from loosest to tightest: {@code or}, {@code and},
 * comparison and string operators (not chainable), {@code + -}, unary {@code -}, {@code [index]}.
 */
public final class KqlParser {

    private static final Set<String> STRING_OPERATORS =
            Set.of(
                    "contains", "contains_cs", "startswith", "startswith_cs", "endswith",
                    "endswith_cs");
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "=~", "!~", "<", "<=",
            ">", ">=");

    private final KqlSource source;
    private final List<Token> tokens;
    private int next;

    private KqlParser(KqlSource source) {
        this.source = source;
        this.tokens = KqlLexer.tokenize(source);
    }

    /** Parses a query: a table name followed by piped tabular operators. */
    public static KqlQuery parse(KqlSource source) {
        return new KqlParser(source).query();
    }

    /** Parses one scalar expression, for example a predicate over a rule's output columns. */
    public static Expr parseExpression(KqlSource source) {
        KqlParser parser = new KqlParser(source);
        Expr expr = parser.expression();
        parser.expectEnd();
        return expr;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token token = tokens.get(next);
        if (token.kind() != Token.Kind.END) {
            next++;
        }
        return token;
    }

    private KqlException error(Token token, String message) {
        return source.error(token.position(), message);
    }

    private Token expectSymbol(String symbol) {
        Token token = advance();
        if (!token.isSymbol(symbol)) {
            throw error(token, "expected '" + symbol + "' but found " + token.describe());
        }
        return token;
    }

    private Token expectIdentifier(String what) {
        Token token = advance();
        if (token.kind() != Token.Kind.IDENTIFIER) {
            throw error(token, "expected " + what + " but found " + token.describe());
        }
        return token;
    }

    private void expectEnd() {
        Token token = peek();
        if (token.kind() != Token.Kind.END) {
            throw unexpectedAfterOperand(token);
        }
    }

    private KqlQuery query() {
        Token table = peek();
        if (table.isKeyword("let") || table.isSymbol("(")) {
            throw error(table, "'" + table.text() + "' is not supported: a query must start with"
                    + " the table name Event");
        }
        expectIdentifier("a table name");
        List<TabularOperator> operators = new ArrayList<>();
        while (peek().isSymbol("|")) {
            advance();
            operators.add(tabularOperator());
        }
        if (peek().isSymbol(";")) {
            throw error(peek(),
                    "';' is not supported: write a single query without let statements");
        }
        expectEnd();
        return new KqlQuery(table.text(), table.position(), operators);
    }

    private TabularOperator tabularOperator() {
        Token name = expectIdentifier("a tabular operator");
        String operator = name.text();
        if (operator.equals("project") && peek().isSymbol("-") && name.touches(peek())) {
            Token dash = advance();
            Token suffix = advance();
            operator = "project-" + suffix.text();
            if (!dash.touches(suffix) || suffix.kind() != Token.Kind.IDENTIFIER) {
                throw error(dash, "expected project-away or project-rename");
            }
        }
        return switch (operator) {
            case "where" -> where(name);
            case "extend" -> new TabularOperator.Extend(assignments(false), name.position());
            case "project" -> new TabularOperator.Project(assignments(true), name.position());
            case "project-away" -> new TabularOperator.ProjectAway(columnNames(), name.position());
            case "project-rename" -> new TabularOperator.ProjectRename(renames(), name.position());
            default -> throw error(name, "'" + operator + "' is not supported: only where, extend,"
                    + " project, project-away and project-rename are");
        };
    }

    private TabularOperator.Where where(Token name) {
        Expr predicate = expression();
        return new TabularOperator.Where(predicate, textSince(name), name.position());
    }

    /** Returns the query text from {@code first} to the last consumed token, on one line. */
    private String textSince(Token first) {
        int end = tokens.get(next - 1).end();
        return source.text().substring(first.start(), end).replaceAll("\\s+", " ");
    }

    private List<TabularOperator.Assignment> assignments(boolean allowBareColumns) {
        List<TabularOperator.Assignment> result = new ArrayList<>();
        do {
            Token first = peek();
            if (first.kind() == Token.Kind.IDENTIFIER && peek(1).isSymbol("=")) {
                advance();
                advance();
                Expr expression = expression();
                result.add(
                        new TabularOperator.Assignment(
                                first.text(), expression, textSince(first), first.position()));
            } else if (allowBareColumns) {
                Token column = expectIdentifier("a column name");
                if (!isSeparator(peek())) {
                    throw error(column, "expected a column name or 'name = expression' in project");
                }
                Expr reference = new Expr.Column(column.text(), column.position());
                result.add(
                        new TabularOperator.Assignment(
                                column.text(), reference, column.text(), column.position()));
            } else {
                throw error(first, "expected 'name = expression' in extend; a column name is"
                        + " required");
            }
        } while (comma());
        return result;
    }

    private boolean isSeparator(Token token) {
        return token.isSymbol(",") || token.isSymbol("|") || token.kind() == Token.Kind.END;
    }

    private boolean comma() {
        if (peek().isSymbol(",")) {
            advance();
            return true;
        }
        return false;
    }

    private TabularOperator.ColumnName columnName() {
        Token token = expectIdentifier("a column name");
        if (peek().isSymbol("*") && token.touches(peek())) {
            throw error(token, "column wildcards such as '" + token.text()
                    + "*' are not supported");
        }
        return new TabularOperator.ColumnName(token.text(), token.position());
    }

    private List<TabularOperator.ColumnName> columnNames() {
        List<TabularOperator.ColumnName> result = new ArrayList<>();
        do {
            result.add(columnName());
        } while (comma());
        return result;
    }

    private List<TabularOperator.Rename> renames() {
        List<TabularOperator.Rename> result = new ArrayList<>();
        do {
            TabularOperator.ColumnName newName = columnName();
            expectSymbol("=");
            result.add(new TabularOperator.Rename(newName, columnName()));
        } while (comma());
        return result;
    }

    Expr expression() {
        Expr left = and();
        while (peek().isKeyword("or")) {
            Token operator = advance();
            left = new Expr.Binary("or", left, and(), operator.position());
        }
        return left;
    }

    private Expr and() {
        Expr left = comparison();
        while (peek().isKeyword("and")) {
            Token operator = advance();
            left = new Expr.Binary("and", left, comparison(), operator.position());
        }
        return left;
    }

    private Expr comparison() {
        Expr left = additive();
        Token token = peek();
        if (token.kind() == Token.Kind.SYMBOL && COMPARISONS.contains(token.text())) {
            advance();
            return new Expr.Binary(token.text(), left, additive(), token.position());
        }
        String word = operatorWord();
        if (word == null) {
            return left;
        }
        if (STRING_OPERATORS.contains(word.replace("!", ""))) {
            skipOperatorWord(word);
            return new Expr.Binary(word, left, additive(), token.position());
        }
        if (word.equals("in") || word.equals("!in") || word.equals("in~") || word.equals("!in~")) {
            skipOperatorWord(word);
            return new Expr.In(word, left, valueList(), token.position());
        }
        if (word.equals("matches") && peek(1).isKeyword("regex")) {
            throw error(token, "'matches regex' is not supported");
        }
        if (word.equals("and") || word.equals("or")) {
            return left;
        }
        throw error(token, "'" + word + "' is not supported as an operator");
    }

    /**
     * Returns the word operator that starts at the next token, such as {@code contains},
     * {@code !contains} or {@code in~}, or {@code null} if the next token is none.
     */
    private String operatorWord() {
        Token token = peek();
        if (token.kind() == Token.Kind.IDENTIFIER) {
            return withTilde(token.text(), token, peek(1));
        }
        Token word = peek(1);
        if (token.isSymbol("!") && word.kind() == Token.Kind.IDENTIFIER && token.touches(word)) {
            return "!" + withTilde(peek(1).text(), peek(1), peek(2));
        }
        return null;
    }

    private static String withTilde(String word, Token wordToken, Token after) {
        return word.equals("in") && after.isSymbol("~") && wordToken.touches(after) ? "in~" : word;
    }

    private void skipOperatorWord(String word) {
        int count = (word.startsWith("!") ? 2 : 1) + (word.endsWith("~") ? 1 : 0);
        for (int i = 0; i < count; i++) {
            advance();
        }
    }

    private List<Expr> valueList() {
        expectSymbol("(");
        List<Expr> values = new ArrayList<>();
        do {
            values.add(additive());
        } while (comma());
        expectSymbol(")");
        return values;
    }

    private Expr additive() {
        Expr left = unary();
        while (true) {
            Token token = peek();
            if (token.isSymbol("+") || token.isSymbol("-")) {
                advance();
                left = new Expr.Binary(token.text(), left, unary(), token.position());
            } else if (token.isSymbol("*") || token.isSymbol("/") || token.isSymbol("%")) {
                throw error(token, "'" + token.text() + "' is not supported: only + and - are");
            } else {
                return left;
            }
        }
    }

    private Expr unary() {
        Token token = peek();
        if (token.isSymbol("-")) {
            advance();
            return new Expr.Negate(unary(), token.position());
        }
        Expr expr = primary();
        while (peek().isSymbol("[")) {
            Token bracket = advance();
            Expr index = expression();
            expectSymbol("]");
            expr = new Expr.Index(expr, index, bracket.position());
        }
        if (peek().isSymbol(".")) {
            throw error(peek(), "'.' member access is not supported");
        }
        return expr;
    }

    private Expr primary() {
        Token token = advance();
        switch (token.kind()) {
            case STRING:
                return new Expr.StringLiteral(token.text(), token.position());
            case LONG:
                return longLiteral(token);
            case REAL:
                return new Expr.RealLiteral(token.text(), token.position());
            case IDENTIFIER:
                return identifierOrCall(token);
            default:
                if (token.isSymbol("(")) {
                    Expr inner = expression();
                    expectSymbol(")");
                    return inner;
                }
                throw error(token, "expected an expression but found " + token.describe());
        }
    }

    private Expr longLiteral(Token token) {
        try {
            return new Expr.LongLiteral(Long.parseLong(token.text()), token.position());
        } catch (NumberFormatException e) {
            throw error(token, "integer literal " + token.text() + " does not fit a long");
        }
    }

    private Expr identifierOrCall(Token token) {
        if (peek().isSymbol("(")) {
            advance();
            List<Expr> arguments = new ArrayList<>();
            if (!peek().isSymbol(")")) {
                do {
                    arguments.add(expression());
                } while (comma());
            }
            expectSymbol(")");
            return new Expr.Call(token.text(), arguments, token.position());
        }
        if (token.text().equals("true") || token.text().equals("false")) {
            return new Expr.BoolLiteral(token.text().equals("true"), token.position());
        }
        return new Expr.Column(token.text(), token.position());
    }

    private KqlException unexpectedAfterOperand(Token token) {
        String word = token.kind() == Token.Kind.IDENTIFIER ? token.text() : null;
        if (word != null) {
            return error(token, "'" + word + "' is not supported here");
        }
        return error(token, "unexpected " + token.describe());
    }
}
