package dev.kqlhunt.events;

import java.io.IOException;

/** Reads a JSON-lines file: one record per non-blank line. */
final class JsonLinesSource implements RecordSource {

    private final String file;
    private final ByteInput input;
    private final int maxLineBytes;
    private long lineNumber;
    private long blankLines;
    private boolean finished;

    /**
     * @param linesBefore lines already consumed from {@code input}, all of them blank
     */
    JsonLinesSource(String file, ByteInput input, int maxLineBytes, long linesBefore) {
        this.file = file;
        this.input = input;
        this.maxLineBytes = maxLineBytes;
        this.lineNumber = linesBefore;
        this.blankLines = linesBefore;
    }

    @Override
    public RawRecord next() {
        while (!finished) {
            try {
                if (!input.readLine(maxLineBytes)) {
                    finished = true;
                    return null;
                }
            } catch (IOException e) {
                finished = true;
                String partial = input.lineStart(maxLineBytes);
                return RawRecord.failure(
                        file, lineNumber + 1, partial, ReadFailures.describe(e, "after " + lineNumber + " complete lines"));
            }
            lineNumber++;
            if (input.lineTooLong()) {
                return RawRecord.tooLong(
                        file,
                        lineNumber,
                        input.lineStart(Rejection.RAW_START_CHARS * 4),
                        "line is longer than the maximum of " + maxLineBytes + " bytes");
            }
            if (input.lineBlank()) {
                blankLines++;
                continue;
            }
            return RawRecord.line(file, lineNumber, input.lineText());
        }
        return null;
    }

    @Override
    public long blankLines() {
        return blankLines;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
