package dev.kqlhunt.events;

/**
 * One record read from an export file, before it is parsed.
 *
 * <p>For a JSON-lines file a record is one non-blank line. For a JSON array file it is one element
 * of the array, and {@code line} is the line where the element starts. {@code failure} is non-null
 * when the file itself could not be read at that point (for example a truncated gzip stream or a
 * line longer than the configured maximum), and {@code text} then holds whatever part of the line
 * was read, possibly empty.
 *
 * @param file the file's URI or path as the file source saw it
 * @param line 1-based line number
 * @param text the line or array element as JSON text
 * @param failure why the file could not be read here, or null
 * @param failureCategory the category of {@code failure}, or null when there is no failure
 */
public record RawRecord(
        String file, long line, String text, String failure, RejectionCategory failureCategory) {

    public static RawRecord line(String file, long line, String text) {
        return new RawRecord(file, line, text, null, null);
    }

    /** Creates a record for a file that could not be opened or read on from this point. */
    public static RawRecord failure(String file, long line, String partialText, String failure) {
        return new RawRecord(
                file, line, partialText, failure, RejectionCategory.UNREADABLE_FILE);
    }

    /** Creates a record for a line or array element longer than the maximum. */
    public static RawRecord tooLong(String file, long line, String partialText, String failure) {
        return new RawRecord(file, line, partialText, failure, RejectionCategory.LINE_TOO_LONG);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
