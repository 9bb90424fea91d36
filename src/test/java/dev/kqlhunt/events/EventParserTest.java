package dev.kqlhunt.events;

import org.apache.flink.types.Row;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class EventParserTest {

    private static final String TIME = "\"TimeGenerated\":\"2021-03-02T10:15:30.1234567Z\"";

    private final EventParser parser = new EventParser();

    private EventParser.ParseResult parse(String text) {
        return parser.parse(RawRecord.line("f.jsonl", 7, text));
    }

    private Row row(String text) {
        EventParser.ParseResult result = parse(text);
        assertThat(result.rejections()).isEmpty();
        assertThat(result.rows()).hasSize(1);
        return result.rows().get(0);
    }

    private String reason(String text) {
        EventParser.ParseResult result = parse(text);
        assertThat(result.rows()).isEmpty();
        assertThat(result.rejections()).hasSize(1);
        Rejection rejection = result.rejections().get(0);
        assertThat(rejection.file()).isEqualTo("f.jsonl");
        assertThat(rejection.line()).isEqualTo(7);
        return rejection.reason();
    }

    private static Object field(Row row, String column) {
        return row.getField(EventSchema.column(column).orElseThrow().index());
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacter() {
        Row row =
                row("{" + TIME + ",\"Computer\":\"a\\ud800b\\udc00c\\ud83d\\ude00\","
                        + "\"EventData\":{\"k\":\"\\udbff\"}}");

        assertThat(field(row, "Computer")).isEqualTo("a\ufffdb\ufffdc\ud83d\ude00");
        assertThat(field(row, "EventData")).isEqualTo("{\"k\":\"\ufffd\"}");
    }

    @Test
    void minimalRowFillsStringsWithEmpty() {
        Row row = row("{" + TIME + "}");

        assertThat(row.getArity()).isEqualTo(EventSchema.size());
        assertThat(field(row, "TimeGenerated"))
                .isEqualTo(LocalDateTime.of(2021, 3, 2, 10, 15, 30, 123_456_700));
        for (EventSchema.Column column : EventSchema.columns()) {
            switch (column.type()) {
                case STRING -> assertThat(row.getField(column.index())).isEqualTo("");
                case INT, REAL -> assertThat(row.getField(column.index())).isNull();
                default -> {}
            }
        }
    }

    @Test
    void convertsValuesAsIngestionDoes() {
        Row row =
                row(
                        "{"
                                + TIME
                                + ",\"EventID\":\"4999\",\"EventLevel\":4.0,\"EventCategory\":12"
                                + ",\"_BilledSize\":\"12.5\",\"Computer\":42.50"
                                + ",\"_IsBillable\":true,\"Role\":null"
                                + ",\"EventData\":{\"a\": [1, 2.50, \"x\"], \"b\": null}"
                                + ",\"Unknown\":{\"deep\":[1]},\"Source\":\"S\\u00e9\"}");

        assertThat(field(row, "EventID")).isEqualTo(4999);
        assertThat(field(row, "EventLevel")).isEqualTo(4);
        assertThat(field(row, "EventCategory")).isEqualTo(12);
        assertThat(field(row, "_BilledSize")).isEqualTo(12.5);
        assertThat(field(row, "Computer")).isEqualTo("42.50");
        assertThat(field(row, "_IsBillable")).isEqualTo("true");
        assertThat(field(row, "Role")).isEqualTo("");
        assertThat(field(row, "EventData")).isEqualTo("{\"a\":[1,2.50,\"x\"],\"b\":null}");
        assertThat(field(row, "Source")).isEqualTo("Sé");
    }

    @Test
    void emptyStringInNumberColumnIsNull() {
        Row row = row("{" + TIME + ",\"EventID\":\"\",\"_BilledSize\":\"\"}");

        assertThat(field(row, "EventID")).isNull();
        assertThat(field(row, "_BilledSize")).isNull();
    }

    @Test
    void stripsPortalUtcSuffix() {
        Row row = row("{\"TimeGenerated [UTC]\":\"7/8/2021, 4:00:30.210 PM\"}");

        assertThat(field(row, "TimeGenerated"))
                .isEqualTo(LocalDateTime.of(2021, 7, 8, 16, 0, 30, 210_000_000));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "\"EventID\":\"abc\"   | EventID: expected an int, found \"abc\"",
                "\"EventID\":4999.5    | EventID: expected an int, found the fraction 4999.5",
                "\"EventID\":\"4999.5\"| EventID: expected an int, found the fraction 4999.5",
                "\"EventID\":2147483648| EventID: 2147483648 is outside the int range"
                        + " -2147483648 to 2147483647",
                "\"EventID\":1e400     | EventID: 1e400 is outside the int range"
                        + " -2147483648 to 2147483647",
                "\"EventID\":1e9999991001 | EventID: 1e9999991001 is outside the int range"
                        + " -2147483648 to 2147483647",
                "\"EventID\":true      | EventID: expected an int, found a boolean",
                "\"EventID\":[1]       | EventID: expected an int, found an array",
                "\"_BilledSize\":\"0x1p3\"| _BilledSize: expected a real, found \"0x1p3\"",
                "\"_BilledSize\":1e999 | _BilledSize: 1e999 is outside the real range",
                "\"_BilledSize\":{}    | _BilledSize: expected a real, found an object",
                "\"Computer\":\"a\",\"Computer\":\"b\""
                        + "| Computer: the column appears more than once",
            })
    void rejectsBadColumnValue(String fields, String expected) {
        assertThat(reason("{" + TIME + "," + fields + "}")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"Computer\":\"a\"}          | TimeGenerated: is missing",
                "{\"TimeGenerated\":null}      | TimeGenerated: is null",
                "{\"TimeGenerated\":\"\"}      | TimeGenerated: is empty",
                "{\"TimeGenerated\":17}        | TimeGenerated: expected a datetime string,"
                        + " found a number",
                "[1,2]                         | expected a JSON object, found an array",
                "\"text\"                      | expected a JSON object, found a string",
                "{\"Computer\":\"a\"} {}       | unexpected text after the JSON object at column 18",
                "{\"Computer\":\"a\"           | truncated JSON: unexpected end of input at column 16",
                "{\"Computer\":\"a               | truncated JSON: unexpected end of input at column 15",
            })
    void rejectsBadRecord(String text, String expected) {
        assertThat(reason(text.strip())).isEqualTo(expected);
    }

    @Test
    void rejectsInvalidJson() {
        assertThat(reason("{Computer: 1}"))
                .startsWith("invalid JSON at column 2: Unexpected character ('C'");
        assertThat(reason("not json")).startsWith("invalid JSON at column ");
    }

    @Test
    void rejectsUnparseableTime() {
        assertThat(reason("{\"TimeGenerated\":\"2021-02-30T00:00:00Z\"}"))
                .isEqualTo(
                        "TimeGenerated: \"2021-02-30T00:00:00Z\" is not a valid datetime: expected"
                                + " ISO 8601 such as 2021-07-08T16:00:30.2100000Z or the portal"
                                + " form 7/8/2021, 4:00:30.210 PM");
    }

    @Test
    void rejectsDeepNestingWithoutStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThat(reason("{" + TIME + ",\"EventData\":" + deep + "}"))
                .startsWith("JSON exceeds a parser limit: Document nesting depth (65) exceeds");
    }

    @Test
    void rejectsHugeNumber() {
        String digits = "9".repeat(5000);

        assertThat(reason("{" + TIME + ",\"EventID\":" + digits + "}"))
                .startsWith("JSON exceeds a parser limit: Number value length (");
    }

    @Test
    void rejectsReaderFailureWithItsReason() {
        RawRecord failure = RawRecord.failure("f.gz", 3, "{\"Comp", "file is truncated");

        EventParser.ParseResult result = parser.parse(failure);

        assertThat(result.rows()).isEmpty();
        assertThat(result.rejections())
                .containsExactly(
                        new Rejection(
                                "f.gz",
                                3,
                                RejectionCategory.UNREADABLE_FILE,
                                "file is truncated",
                                "{\"Comp"));
    }

    @Test
    void readsEventHubsEnvelope() {
        EventParser.ParseResult result =
                parse(
                        "{\"records\":[{"
                                + TIME
                                + ",\"EventID\":1},{"
                                + TIME
                                + ",\"EventID\":2}],\"extra\":1}");

        assertThat(result.rejections()).isEmpty();
        assertThat(result.rows()).extracting(r -> field(r, "EventID")).containsExactly(1, 2);
    }

    @Test
    void rejectsOnlyTheBadElementsOfAnEnvelope() {
        EventParser.ParseResult result =
                parse("{\"records\":[{" + TIME + ",\"EventID\":1},{\"EventID\":2},3,{" + TIME
                        + ",\"EventID\":4}]}");

        assertThat(result.rows()).extracting(r -> field(r, "EventID")).containsExactly(1, 4);
        assertThat(result.rejections())
                .extracting(Rejection::reason)
                .containsExactly(
                        "records[1]: TimeGenerated: is missing",
                        "records[2]: expected a JSON object, found a number");
    }

    @Test
    void invalidEnvelopeIsOneRejection() {
        EventParser.ParseResult result =
                parse("{\"records\":[{" + TIME + ",\"EventID\":1},{\"EventID\":2");

        assertThat(result.rows()).isEmpty();
        assertThat(result.rejections())
                .extracting(Rejection::reason)
                .singleElement()
                .asString()
                .startsWith("truncated JSON");
    }

    @Test
    void syntaxCheckCountsRecords() {
        EventParser.SyntaxCheck valid = check("{\"EventID\": \"abc\", \"x\": [1, {\"y\": 2}]}");
        EventParser.SyntaxCheck envelope = check("{\"records\": [{}, 3, {\"a\": 1}], \"b\": 2}");
        EventParser.SyntaxCheck missingComma = check("{\"a\": 1 \"b\": 2}");
        EventParser.SyntaxCheck array = check("[{\"a\": 1}]");

        assertThat(valid).isEqualTo(new EventParser.SyntaxCheck(1, null, null));
        assertThat(envelope).isEqualTo(new EventParser.SyntaxCheck(3, null, null));
        assertThat(check("{\"records\": []}").records()).isEqualTo(1);
        assertThat(missingComma.rejection().reason()).startsWith("invalid JSON at column 9: ");
        assertThat(array.rejection().reason())
                .isEqualTo("expected a JSON object, found an array");
        assertThat(check("{\"a\": 1} {}").rejection().reason())
                .startsWith("unexpected text after the JSON object");
        assertThat(check("{\"a\": " + "[".repeat(100) + "]".repeat(100) + "}").rejection())
                .isNotNull();
    }

    @Test
    void syntaxCheckReadsLatestTimeGenerated() {
        assertThat(checkTime("{\"EventID\": \"abc\", \"TimeGenerated\": \"2021-03-02T10:00:00Z\"}"))
                .isEqualTo(LocalDateTime.of(2021, 3, 2, 10, 0));
        assertThat(checkTime("{\"TimeGenerated [UTC]\": \"3/2/2021, 10:00:00.000 AM\"}"))
                .isEqualTo(LocalDateTime.of(2021, 3, 2, 10, 0));
        assertThat(checkTime("{\"records\": [{\"TimeGenerated\": \"2021-03-02T10:00:00Z\"}, 3,"
                        + " {\"TimeGenerated\": \"2021-03-04T00:00:00Z\"},"
                        + " {\"TimeGenerated\": \"2021-03-03T00:00:00Z\"}]}"))
                .isEqualTo(LocalDateTime.of(2021, 3, 4, 0, 0));
        assertThat(checkTime("{\"TimeGenerated\": \"yesterday\"}")).isNull();
        assertThat(checkTime("{\"TimeGenerated\": {\"a\": [1]}, \"b\": 2}")).isNull();
        assertThat(checkTime("{\"TimeGenerated\": null}")).isNull();
        assertThat(checkTime("{\"TimeGenerated\": \"2021-03-02T10:00:00Z\","
                        + " \"TimeGenerated\": \"2021-03-02T11:00:00Z\"}"))
                .isNull();
        assertThat(checkTime("{\"EventID\": 1}")).isNull();
        assertThat(check("{\"TimeGenerated\": \"2021-03-02T10:00:00Z\"}").latestTime()).isNull();
    }

    private LocalDateTime checkTime(String text) {
        EventParser.SyntaxCheck check =
                parser.checkSyntax(RawRecord.line("f.jsonl", 7, text), true);
        assertThat(check.rejection()).isNull();
        return check.latestTime();
    }

    private EventParser.SyntaxCheck check(String text) {
        return parser.checkSyntax(RawRecord.line("f.jsonl", 7, text));
    }

    @Test
    void keepsRawStartTo200Chars() {
        String text = "{\"Computer\":\"" + "x".repeat(300) + "\"}";

        Rejection rejection = parse(text).rejections().get(0);

        assertThat(rejection.rawStart()).isEqualTo(text.substring(0, 200));
    }
}
