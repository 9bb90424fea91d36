package dev.kqlhunt.kql;

/**
 * A KQL query as it appears in a file, usually a YAML literal block.
 *
 * @param fileName the file, as it should appear in error messages
 * @param text the query text without the block's indentation
 * @param firstLine the 1-based file line of the query's first line
 * @param indent the number of columns the block is indented by in the file
 */
public record KqlSource(String fileName, String text, int firstLine, int indent) {

    /** Wraps a query that is a file of its own. */
    public static KqlSource of(String fileName, String text) {
        return new KqlSource(fileName, text, 1, 0);
    }

    /** Creates the error for a construct at a position in the query text. */
    public KqlException error(KqlPosition position, String message) {
        int line = firstLine + position.line();
        int column = indent + position.column();
        return new KqlException(fileName, line, column, message);
    }
}
