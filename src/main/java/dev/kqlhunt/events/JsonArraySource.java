package dev.kqlhunt.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a file that holds one JSON array, as the Azure portal exports query results: one record
 * per array element, streamed so the file is never held in memory.
 *
 * <p>A record's line is the line where its element starts, and its text is the element
 * re-encoded as compact JSON with numbers kept as written. An element longer than the maximum
 * becomes a failure record and reading goes on. Invalid JSON ends the file with one failure
 * record, because the parser cannot find the next element after a syntax error.
 *
 * <p>NOTE: a single string longer than 20,000,000 characters (Jackson's default limit) or the
 * maximum line length, whichever is greater, ends the file with a failure record, because Jackson
 * holds a whole string token in memory and stops at the limit.
 */
final class JsonArraySource implements RecordSource {

    private static final int DEFAULT_MAX_STRING_CHARS = 20_000_000;

    private final String file;
    private final JsonParser parser;
    private final JsonFactory factory;
    private final int maxElementChars;
    private final long lineOffset;
    private long elements;
    private boolean started;
    private boolean finished;

    /**
     * @param input positioned at the array's {@code [}
     * @param linesBefore lines consumed from {@code input} before the {@code [}
     */
    JsonArraySource(String file, ByteInput input, int maxElementChars, long linesBefore)
            throws IOException {
        this.file = file;
        this.maxElementChars = maxElementChars;
        this.lineOffset = linesBefore;
        this.factory =
                JsonFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxStringLength(
                                                Math.max(DEFAULT_MAX_STRING_CHARS, maxElementChars))
                                        .maxNumberLength(maxElementChars)
                                        .build())
                        .build();
        // The reader decodes invalid UTF-8 as U+FFFD, where Jackson's byte parser would fail.
        this.parser =
                factory.createParser(new InputStreamReader(input, StandardCharsets.UTF_8));
    }

    @Override
    public RawRecord next() {
        if (finished) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                parser.nextToken();
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                finished = true;
                return checkEnd();
            }
            long line = parser.currentTokenLocation().getLineNr() + lineOffset;
            BoundedWriter text = new BoundedWriter(maxElementChars);
            try (JsonGenerator generator = factory.createGenerator(text)) {
                JsonCopy.copyExact(parser, generator);
            }
            elements++;
            if (text.overflowed()) {
                return RawRecord.tooLong(
                        file,
                        line,
                        text.toString(),
                        "array element is longer than the maximum of "
                                + maxElementChars
                                + " characters");
            }
            return RawRecord.line(file, line, text.toString());
        } catch (JsonEOFException e) {
            return fail(e, "file is truncated inside the JSON array after " + elements
                    + " complete elements");
        } catch (JsonProcessingException e) {
            return fail(e, "invalid JSON in the array after " + elements + " complete elements: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            return fail(e, ReadFailures.describe(e, "after " + elements + " complete elements"));
        }
    }

    private RawRecord checkEnd() throws IOException {
        JsonToken after = parser.nextToken();
        if (after == null) {
            return null;
        }
        long line = parser.currentTokenLocation().getLineNr() + lineOffset;
        return RawRecord.failure(file, line, "", "unexpected text after the JSON array");
    }

    private RawRecord fail(IOException e, String message) {
        finished = true;
        long line =
                e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                        ? jpe.getLocation().getLineNr() + lineOffset
                        : parser.currentLocation().getLineNr() + lineOffset;
        return RawRecord.failure(file, line, "", message);
    }

    @Override
    public long blankLines() {
        return 0;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** Collects at most a maximum number of characters and remembers whether more came. */
    private static final class BoundedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final int maxChars;
        private boolean overflowed;

        BoundedWriter(int maxChars) {
            this.maxChars = maxChars;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            int room = maxChars - text.length();
            if (length > room) {
                overflowed = true;
            }
            text.append(chars, offset, Math.min(length, Math.max(room, 0)));
        }

        boolean overflowed() {
            return overflowed;
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
