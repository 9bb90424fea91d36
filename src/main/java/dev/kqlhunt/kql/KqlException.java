package dev.kqlhunt.kql;

/**
 * A KQL query that cannot be compiled: a syntax error, an unknown column, a type error or a
 * construct this compiler does not support. The message starts with {@code file:line:column}.
 */
public final class KqlException extends RuntimeException {

    private final String fileName;
    private final int line;
    private final int column;

    public KqlException(String fileName, int line, int column, String message) {
        super(fileName + ":" + line + ":" + column + ": " + message);
        this.fileName = fileName;
        this.line = line;
        this.column = column;
    }

    public String fileName() {
        return fileName;
    }

    /** The 1-based line in the file. */
    public int line() {
        return line;
    }

    /** The 1-based column in the file. */
    public int column() {
        return column;
    }
}
