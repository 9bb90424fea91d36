package dev.kqlhunt.events;

/**
 * The kind of problem behind a {@link Rejection}, used to count rejections in a hunt's summary.
 * Each rejection has exactly one category.
 */
public enum RejectionCategory {
    /** Not JSON, truncated JSON, not a JSON object, or beyond a parser limit such as nesting. */
    INVALID_JSON("invalid-json"),

    /** A column's value cannot be converted to the column's type, or a column appears twice. */
    INVALID_VALUE("invalid-value"),

    /** {@code TimeGenerated} is missing, empty, not a datetime or outside years 0001 to 9999. */
    INVALID_TIME("invalid-time"),

    /** A line, or an element of a JSON array file, is longer than the maximum. */
    LINE_TOO_LONG("line-too-long"),

    /** The file could not be opened or read to its end, such as a corrupt gzip stream. */
    UNREADABLE_FILE("unreadable-file");

    private final String label;

    RejectionCategory(String label) {
        this.label = label;
    }

    /** The name used in rejected-line output, summary.json and on the console. */
    public String label() {
        return label;
    }
}
