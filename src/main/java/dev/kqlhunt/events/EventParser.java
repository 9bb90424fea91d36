package dev.kqlhunt.events;

import org.apache.flink.types.Row;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses {@link RawRecord}s into {@code Event} rows, or into {@link Rejection}s that say why not.
 *
 * <p>A row is a positional {@link Row} in {@link EventSchema#columns()} order whose field types
 * match {@link EventSchema#rowType()}: {@code String} (never null, an absent column is
 * {@code ""}), {@code Integer}, {@code Double} and, for {@code TimeGenerated}, a UTC
 * {@link java.time.LocalDateTime}. Values are converted as {@link ColumnValues} describes. Keys
 * that are not columns are ignored, and the portal export's {@code " [UTC]"} suffix on column
 * names is removed before the lookup.
 *
 * <p>A record is rejected when it is not JSON, is truncated, is not a JSON object, has text after
 * the object, names a column twice, lacks {@code TimeGenerated}, has a value its column cannot
 * hold, nests deeper than {@link #MAX_NESTING_DEPTH} or has a number longer than
 * {@link #MAX_NUMBER_LENGTH} characters. A record that the reader marked as a failure is rejected
 * with that failure as the reason.
 *
 * <p>An object whose first key is {@code "records"} with an array value is read as an Event Hubs
 * envelope: each array element is a record of its own, which becomes one row or one rejection
 * whose reason names the element ({@code records[3]: ...}). Invalid JSON anywhere in the line
 * rejects the line as one record, because its elements cannot be separated then.
 *
 * <p>Instances are not thread-safe but may be reused for any number of records.
 */
public final class EventParser implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int MAX_NESTING_DEPTH = 64;
    public static final int MAX_NUMBER_LENGTH = 100;

    private static final String PORTAL_UTC_SUFFIX = " [UTC]";
    private static final String ENVELOPE_KEY = "records";

    private transient JsonFactory factory;
    private transient ColumnValues values;

    /** Receives what one record parses into. */
    public interface Output {
        void row(Row row);

        void rejection(Rejection rejection);
    }

    /** Everything one record parsed into: usually one row or one rejection. */
    public record ParseResult(List<Row> rows, List<Rejection> rejections) {}

    /** Why a record's text is rejected. */
    private record Problem(RejectionCategory category, String reason) {

        static Problem json(String reason) {
            return new Problem(RejectionCategory.INVALID_JSON, reason);
        }

        Problem at(String where) {
            return where.isEmpty() ? this : new Problem(category, where + reason);
        }
    }

    /** Parses {@code raw} and returns its rows and rejections. */
    public ParseResult parse(RawRecord raw) {
        List<Row> rows = new ArrayList<>(1);
        List<Rejection> rejections = new ArrayList<>(1);
        parse(
                raw,
                new Output() {
                    @Override
                    public void row(Row row) {
                        rows.add(row);
                    }

                    @Override
                    public void rejection(Rejection rejection) {
                        rejections.add(rejection);
                    }
                });
        return new ParseResult(rows, rejections);
    }

    /** Parses {@code raw} and sends each row or the one rejection to {@code out}. */
    public void parse(RawRecord raw, Output out) {
        if (raw.isFailure()) {
            out.rejection(Rejection.of(raw, raw.failureCategory(), raw.failure()));
            return;
        }
        List<Row> rows = new ArrayList<>(1);
        List<Problem> elementProblems = new ArrayList<>(0);
        Problem problem = parseText(raw.text(), rows, elementProblems);
        if (problem != null) {
            out.rejection(Rejection.of(raw, problem.category(), problem.reason()));
            return;
        }
        for (Row row : rows) {
            out.row(row);
        }
        for (Problem element : elementProblems) {
            out.rejection(Rejection.of(raw, element.category(), element.reason()));
        }
    }

    /**
     * Adds the rows of {@code text} to {@code rows} and the rejected elements of an Event Hubs
     * envelope to {@code elementProblems}, or returns the reason the whole text is rejected.
     */
    private Problem parseText(String text, List<Row> rows, List<Problem> elementProblems) {
        return readObject(text, parser -> parseTopObject(parser, rows, elementProblems));
    }

    /**
     * Result of {@link #checkSyntax}: the number of records in the text (the elements of an
     * Event Hubs envelope, else 1) or, when it is not valid, its rejection.
     *
     * @param latestTime the latest valid {@code TimeGenerated} of the records when it was
     *     requested, else null; also null when no record has one
     */
    public record SyntaxCheck(int records, Rejection rejection, LocalDateTime latestTime) {}

    /**
     * Checks that {@code raw} is one JSON object within the parser's limits and counts its
     * records, without reading its columns: column types and {@code TimeGenerated} are not
     * checked.
     */
    public SyntaxCheck checkSyntax(RawRecord raw) {
        return checkSyntax(raw, false);
    }

    /**
     * Checks {@code raw} as {@link #checkSyntax(RawRecord)} does and, when {@code readTime} is
     * set, also returns the latest {@code TimeGenerated} of its records. A record whose {@code
     * TimeGenerated} is invalid or appears twice still counts, but gives no time.
     */
    public SyntaxCheck checkSyntax(RawRecord raw, boolean readTime) {
        if (raw.isFailure()) {
            return new SyntaxCheck(
                    1, Rejection.of(raw, raw.failureCategory(), raw.failure()), null);
        }
        int[] records = {1};
        LocalDateTime[] latest = {null};
        Problem problem =
                readObject(
                        raw.text(),
                        parser -> {
                            records[0] = skipTopObject(parser, readTime ? latest : null);
                            return null;
                        });
        return problem == null
                ? new SyntaxCheck(records[0], null, latest[0])
                : new SyntaxCheck(
                        1, Rejection.of(raw, problem.category(), problem.reason()), null);
    }

    /**
     * Skips an object's fields up to its end and returns the number of records in it. When
     * {@code latest} is not null, its element is raised to each record's valid {@code
     * TimeGenerated}.
     */
    private int skipTopObject(JsonParser parser, LocalDateTime[] latest) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.FIELD_NAME && ENVELOPE_KEY.equals(parser.currentName())) {
            if (parser.nextToken() == JsonToken.START_ARRAY) {
                int elements = 0;
                for (JsonToken element = parser.nextToken();
                        element != JsonToken.END_ARRAY;
                        element = parser.nextToken()) {
                    if (element == JsonToken.START_OBJECT && latest != null) {
                        skipEventFields(parser, parser.nextToken(), latest);
                    } else {
                        parser.skipChildren();
                    }
                    elements++;
                }
                skipRestOfObject(parser);
                // An empty envelope is one record, as in parse.
                return Math.max(1, elements);
            }
            parser.skipChildren();
            token = parser.nextToken();
        }
        if (latest == null) {
            for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                parser.nextToken();
                parser.skipChildren();
            }
        } else {
            skipEventFields(parser, token, latest);
        }
        return 1;
    }

    /**
     * Skips the fields of an object whose first field token is {@code token} up to its end, and
     * raises {@code latest[0]} to its {@code TimeGenerated} when that is valid and appears once.
     */
    private void skipEventFields(JsonParser parser, JsonToken token, LocalDateTime[] latest)
            throws IOException {
        EventSchema.Column timeColumn =
                EventSchema.column(EventSchema.TIME_GENERATED).orElseThrow();
        LocalDateTime time = null;
        int timeFields = 0;
        for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            boolean isTime = columnName(parser.currentName()).equals(EventSchema.TIME_GENERATED);
            parser.nextToken();
            if (!isTime) {
                parser.skipChildren();
                continue;
            }
            timeFields++;
            try {
                time = (LocalDateTime) values().convert(timeColumn, parser);
            } catch (ColumnValues.ColumnException e) {
                time = null;
                parser.skipChildren();
            }
        }
        if (timeFields == 1 && time != null && (latest[0] == null || time.isAfter(latest[0]))) {
            latest[0] = time;
        }
    }

    /** Reads the fields of an object, after its start, up to and including its end. */
    @FunctionalInterface
    private interface ObjectReader {
        Problem read(JsonParser parser) throws IOException;
    }

    /**
     * Parses {@code text} as one JSON object with {@code body}, and returns the first syntax
     * problem, else {@code body}'s problem, else null.
     */
    private Problem readObject(String text, ObjectReader body) {
        try (JsonParser parser = factory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Problem.json("empty record: expected a JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                return Problem.json("expected a JSON object, found " + ColumnValues.kind(first));
            }
            Problem problem = body.read(parser);
            // Syntax comes first, so a line with two objects is not reported as a bad value.
            if (parser.nextToken() != null) {
                return Problem.json(
                        "unexpected text after the JSON object at column " + column(parser));
            }
            return problem;
        } catch (StreamConstraintsException e) {
            return Problem.json("JSON exceeds a parser limit: " + e.getOriginalMessage());
        } catch (JsonEOFException e) {
            return Problem.json("truncated JSON: unexpected end of input at column " + column(e));
        } catch (JsonProcessingException e) {
            return Problem.json(
                    "invalid JSON at column " + column(e) + ": "
                            + firstLine(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            // A String source cannot fail to read, so this is a parser fault: the record is
            // rejected with it rather than failing the hunt.
            return Problem.json("JSON parser failed: " + e);
        }
    }

    private Problem parseTopObject(
            JsonParser parser, List<Row> rows, List<Problem> elementProblems) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.FIELD_NAME && ENVELOPE_KEY.equals(parser.currentName())) {
            if (parser.nextToken() == JsonToken.START_ARRAY) {
                parseEnvelope(parser, rows, elementProblems);
                // Keys after the records array belong to the envelope, not to any row.
                skipRestOfObject(parser);
                return null;
            }
            // "records" holding a scalar or object is an ordinary unknown key of an event.
            parser.skipChildren();
            token = parser.nextToken();
        }
        return parseEventFields(parser, token, rows, "");
    }

    private void parseEnvelope(JsonParser parser, List<Row> rows, List<Problem> elementProblems)
            throws IOException {
        int index = 0;
        for (JsonToken token = parser.nextToken();
                token != JsonToken.END_ARRAY;
                token = parser.nextToken()) {
            String where = ENVELOPE_KEY + "[" + index + "]: ";
            Problem problem;
            if (token == JsonToken.START_OBJECT) {
                problem = parseEventFields(parser, parser.nextToken(), rows, where);
            } else {
                problem =
                        Problem.json("expected a JSON object, found " + ColumnValues.kind(token))
                                .at(where);
                parser.skipChildren();
            }
            if (problem != null) {
                elementProblems.add(problem);
            }
            index++;
        }
    }

    private static void skipRestOfObject(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            parser.nextToken();
            parser.skipChildren();
        }
    }

    /**
     * Reads the fields of an object whose first field token is {@code token} up to its end, and
     * adds the row, or returns the rejection reason prefixed with {@code where}.
     */
    private Problem parseEventFields(
            JsonParser parser, JsonToken token, List<Row> rows, String where) throws IOException {
        Row row = emptyRow();
        boolean[] seen = new boolean[EventSchema.size()];
        Problem problem = null;
        for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = columnName(parser.currentName());
            parser.nextToken();
            Optional<EventSchema.Column> column = EventSchema.column(name);
            if (column.isEmpty() || problem != null) {
                parser.skipChildren();
                continue;
            }
            int index = column.get().index();
            if (seen[index]) {
                problem =
                        new Problem(
                                RejectionCategory.INVALID_VALUE,
                                name + ": the column appears more than once");
                parser.skipChildren();
                continue;
            }
            seen[index] = true;
            try {
                row.setField(index, values().convert(column.get(), parser));
            } catch (ColumnValues.ColumnException e) {
                problem = new Problem(categoryOf(column.get()), e.getMessage());
                parser.skipChildren();
            }
        }
        // Reading on after the first problem lets a syntax error later in the text take
        // precedence, so a truncated line is reported as truncated.
        if (problem != null) {
            return problem.at(where);
        }
        int time = EventSchema.column(EventSchema.TIME_GENERATED).orElseThrow().index();
        if (!seen[time] || row.getField(time) == null) {
            String state = seen[time] ? ": is null" : ": is missing";
            return new Problem(RejectionCategory.INVALID_TIME, EventSchema.TIME_GENERATED + state)
                    .at(where);
        }
        rows.add(row);
        return null;
    }

    private static RejectionCategory categoryOf(EventSchema.Column column) {
        return column.name().equals(EventSchema.TIME_GENERATED)
                ? RejectionCategory.INVALID_TIME
                : RejectionCategory.INVALID_VALUE;
    }

    private static String columnName(String key) {
        return key.endsWith(PORTAL_UTC_SUFFIX)
                ? key.substring(0, key.length() - PORTAL_UTC_SUFFIX.length())
                : key;
    }

    private static Row emptyRow() {
        Row row = Row.withPositions(EventSchema.size());
        for (EventSchema.Column column : EventSchema.columns()) {
            if (column.type() == EventSchema.KqlType.STRING) {
                row.setField(column.index(), "");
            }
        }
        return row;
    }

    private JsonFactory factory() {
        if (factory == null) {
            factory =
                    JsonFactory.builder()
                            .streamReadConstraints(
                                    StreamReadConstraints.builder()
                                            .maxNestingDepth(MAX_NESTING_DEPTH)
                                            .maxNumberLength(MAX_NUMBER_LENGTH)
                                            .build())
                            .build();
        }
        return factory;
    }

    private ColumnValues values() {
        if (values == null) {
            values = new ColumnValues(factory(), MAX_NUMBER_LENGTH);
        }
        return values;
    }

    private static long column(JsonParser parser) {
        return parser.currentTokenLocation().getColumnNr();
    }

    private static long column(JsonProcessingException e) {
        return e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
