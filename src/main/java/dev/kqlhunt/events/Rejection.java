package dev.kqlhunt.events;

/**
 * A record that did not become an {@code Event} row, with the reason.
 *
 * @param file the file the record came from
 * @param line 1-based line number of the record in that file
 * @param category the kind of problem, for counting
 * @param reason why the record was rejected, naming the column where one is at fault
 * @param rawStart the first {@value #RAW_START_CHARS} characters of the record's text
 */
public record Rejection(
        String file, long line, RejectionCategory category, String reason, String rawStart) {

    public static final int RAW_START_CHARS = 200;

    /** Creates a rejection of {@code raw}, keeping the start of its text. */
    public static Rejection of(RawRecord raw, RejectionCategory category, String reason) {
        return new Rejection(raw.file(), raw.line(), category, reason, start(raw.text()));
    }

    /** Returns the first {@value #RAW_START_CHARS} characters, never splitting a surrogate pair. */
    static String start(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= RAW_START_CHARS) {
            return text;
        }
        int end = RAW_START_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Renders this rejection as one line of JSON with the keys {@code file}, {@code line},
     * {@code category}, {@code reason} and {@code rawStart}. Every control character (U+0000 to
     * U+001F, U+007F to U+009F), the line separators U+2028 and U+2029 and every surrogate are
     * escaped, so the result is valid UTF-8 without a line break and can be written as one line
     * of a JSON-lines file.
     */
    public String toJson() {
        StringBuilder json = new StringBuilder(96 + rawStart.length());
        json.append("{\"file\":");
        JsonStrings.appendQuoted(json, file);
        json.append(",\"line\":").append(line);
        json.append(",\"category\":");
        JsonStrings.appendQuoted(json, category.label());
        json.append(",\"reason\":");
        JsonStrings.appendQuoted(json, reason);
        json.append(",\"rawStart\":");
        JsonStrings.appendQuoted(json, rawStart);
        return json.append('}').toString();
    }
}
