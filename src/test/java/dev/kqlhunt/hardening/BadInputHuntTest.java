package dev.kqlhunt.hardening;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kqlhunt.events.ParseEvents;
import dev.kqlhunt.events.RejectionCategory;
import dev.kqlhunt.job.HuntCounters;
import dev.kqlhunt.job.HuntJob;
import dev.kqlhunt.job.HuntRequest;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleLoader;
import dev.kqlhunt.testing.HuntOutput;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static dev.kqlhunt.events.RejectionCategory.INVALID_JSON;
import static dev.kqlhunt.events.RejectionCategory.INVALID_TIME;
import static dev.kqlhunt.events.RejectionCategory.INVALID_VALUE;
import static dev.kqlhunt.events.RejectionCategory.LINE_TOO_LONG;
import static dev.kqlhunt.events.RejectionCategory.UNREADABLE_FILE;
import static dev.kqlhunt.hardening.RuleCases.AFTER;
import static dev.kqlhunt.hardening.RuleCases.AFTER_TIME;
import static dev.kqlhunt.hardening.RuleCases.BEFORE;
import static dev.kqlhunt.hardening.RuleCases.BEFORE_TIME;
import static dev.kqlhunt.hardening.RuleCases.NEAR_MISS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Hunts archives in which bad input sits between two true positives of the Silk Typhoon rule.
 * Each test checks the rejection's reason, the counts in summary.json and that both true
 * positives are still found.
 */
class BadInputHuntTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @TempDir Path temp;

    @Test
    void notJsonIsRejected() throws IOException {
        HuntRun run = huntLines(BEFORE, "this is not JSON", AFTER);

        assertGoodRowsFound(run);
        run.assertCounts(3, 2, Map.of(INVALID_JSON, 1L));
        assertRejected(run.rejected().get(0), 2, INVALID_JSON, "invalid JSON at column 1: ");
        assertThat(run.rejected().get(0).path("rawStart").asText()).isEqualTo("this is not JSON");
    }

    @Test
    void eventHubsEnvelopeKeepsItsGoodElements() throws IOException {
        String envelope = "{\"records\": [" + BEFORE + ", {\"EventID\": 1}, " + AFTER + "]}";

        HuntRun run = huntLines(envelope);

        assertGoodRowsFound(run);
        run.assertCounts(3, 2, Map.of(INVALID_TIME, 1L));
        assertRejected(run.rejected().get(0), 1, INVALID_TIME, "records[1]: TimeGenerated: is missing");
    }

    @Test
    void uncreatableOutIsUsageError() throws IOException {
        Path file = RuleCases.write(temp.resolve("a.jsonl"), BEFORE);

        HuntRun run = HuntRun.hunt(file.resolve("out"), List.of(file));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.stderr())
                .isEqualTo("kql-hunt: cannot create --out " + file.resolve("out")
                        + ": Not a directory\n");
    }

    @Test
    void truncatedJsonIsRejected() throws IOException {
        String truncated = BEFORE.substring(0, 120);

        HuntRun run = huntLines(BEFORE, truncated, AFTER);

        assertGoodRowsFound(run);
        run.assertCounts(3, 2, Map.of(INVALID_JSON, 1L));
        assertRejected(
                run.rejected().get(0), 2, INVALID_JSON, "truncated JSON: unexpected end of input");
        assertThat(run.rejected().get(0).path("rawStart").asText()).isEqualTo(truncated);
    }

    @Test
    void jsonThatIsNotAnObjectIsRejected() throws IOException {
        HuntRun run = huntLines(BEFORE, "[1, 2]", "\"text\"", "42", "null", AFTER);

        assertGoodRowsFound(run);
        run.assertCounts(6, 2, Map.of(INVALID_JSON, 4L));
        assertRejected(run.rejected().get(0), 2, INVALID_JSON, "expected a JSON object, found an array");
        assertRejected(run.rejected().get(1), 3, INVALID_JSON, "expected a JSON object, found a string");
        assertRejected(run.rejected().get(2), 4, INVALID_JSON, "expected a JSON object, found a number");
        assertRejected(run.rejected().get(3), 5, INVALID_JSON, "expected a JSON object, found null");
    }

    @Test
    void portalArrayFileAmongJsonLinesIsRead() throws IOException {
        Path folder = temp.resolve("mixed");
        RuleCases.write(folder.resolve("a.jsonl"), BEFORE);
        RuleCases.write(
                folder.resolve("b.json"),
                "[",
                RuleCases.line(4) + ",",
                "{\"TimeGenerated\": \"not a time\"}",
                "]");
        RuleCases.write(folder.resolve("c.jsonl"), AFTER);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(folder), "--no-prefilter");

        assertThat(run.status()).isZero();
        assertThat(run.matchTimes())
                .containsExactly(BEFORE_TIME, "2021-03-01T08:30:00.5000000Z", AFTER_TIME);
        run.assertCounts(4, 3, Map.of(INVALID_TIME, 1L));
        JsonNode rejection = run.rejected().get(0);
        assertRejected(rejection, 3, INVALID_TIME, "TimeGenerated: \"not a time\" is not a valid datetime");
        assertThat(rejection.path("file").asText()).endsWith("/b.json");

        // The prefilter skips the valid JSON object that lacks the rule's literals, unread.
        HuntRun prefiltered = HuntRun.hunt(temp.resolve("prefiltered"), List.of(folder));
        assertThat(prefiltered.matchTimes()).isEqualTo(run.matchTimes());
        prefiltered.assertCounts(4, 3, 1, Map.of());
    }

    @Test
    void stringEventIdConvertedOrRejected() throws IOException {
        String numberAsText = RuleCases.with(BEFORE, "EventID", "\"1038\"");
        String notANumber = RuleCases.with(NEAR_MISS, "EventID", "\"abc\"");

        HuntRun run = huntLines(numberAsText, notANumber, AFTER);

        assertGoodRowsFound(run);
        assertThat(run.matches().get(0).path("EventID").isNumber()).isTrue();
        assertThat(run.matches().get(0).path("EventID").asInt()).isEqualTo(1038);
        run.assertCounts(3, 2, Map.of(INVALID_VALUE, 1L));
        assertRejected(
                run.rejected().get(0), 2, INVALID_VALUE, "EventID: expected an int, found \"abc\"");
    }

    @Test
    void badTimeGeneratedIsRejectedByKind() throws IOException {
        HuntRun run =
                huntLines(
                        BEFORE,
                        RuleCases.without(BEFORE, "TimeGenerated"),
                        RuleCases.with(BEFORE, "TimeGenerated", "\"\""),
                        RuleCases.with(BEFORE, "TimeGenerated", "\"yesterday\""),
                        RuleCases.with(BEFORE, "TimeGenerated", "\"0001-01-01T00:00:00+01:00\""),
                        RuleCases.with(BEFORE, "TimeGenerated", "1614556800"),
                        AFTER);

        assertGoodRowsFound(run);
        run.assertCounts(7, 2, Map.of(INVALID_TIME, 5L));
        assertRejected(run.rejected().get(0), 2, INVALID_TIME, "TimeGenerated: is missing");
        assertRejected(run.rejected().get(1), 3, INVALID_TIME, "TimeGenerated: is empty");
        assertRejected(
                run.rejected().get(2),
                4,
                INVALID_TIME,
                "TimeGenerated: \"yesterday\" is not a valid datetime: expected ISO 8601");
        assertRejected(
                run.rejected().get(3),
                5,
                INVALID_TIME,
                "TimeGenerated: \"0001-01-01T00:00:00+01:00\" is outside KQL's datetime range");
        assertRejected(
                run.rejected().get(4),
                6,
                INVALID_TIME,
                "TimeGenerated: expected a datetime string, found a number");
    }

    @Test
    void extremeValidTimesAreEvaluated() throws IOException {
        HuntRun run =
                huntLines(
                        RuleCases.with(BEFORE, "TimeGenerated", "\"0001-01-01T00:00:00Z\""),
                        RuleCases.with(AFTER, "TimeGenerated", "\"9999-12-31T23:59:59.9999999Z\""));

        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(run.matchTimes())
                .containsExactly("0001-01-01T00:00:00.0000000Z", "9999-12-31T23:59:59.9999999Z");
        run.assertCounts(2, 2, Map.of());
    }

    @Test
    void invalidUtf8BecomesReplacementCharacter() throws IOException {
        byte[] good = BEFORE.getBytes(StandardCharsets.UTF_8);
        String computer = "\"Computer\":\"EXCH01.contoso.com\"";
        int at = indexOf(good, computer.getBytes(StandardCharsets.UTF_8)) + 16;
        byte[] broken = Arrays.copyOf(good, good.length);
        broken[at] = (byte) 0xFF;
        Path file = temp.resolve("utf8.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(broken);
            out.write('\n');
            out.write(AFTER.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(file));

        assertGoodRowsFound(run);
        assertThat(run.matches().get(0).path("Computer").asText())
                .isEqualTo("EXCH\uFFFD1.contoso.com");
        run.assertCounts(2, 2, Map.of());
    }

    @Test
    void rawNulByteIsRejected() throws IOException {
        String withNul = BEFORE.replace("\"OpsManager\"", "\"Ops\u0000Manager\"");

        HuntRun run = huntLines(BEFORE, withNul, AFTER);

        assertGoodRowsFound(run);
        run.assertCounts(3, 2, Map.of(INVALID_JSON, 1L));
        assertRejected(
                run.rejected().get(0),
                2,
                INVALID_JSON,
                "Illegal unquoted character ((CTRL-CHAR, code 0))");
        assertThat(run.rejected().get(0).path("rawStart").asText())
                .isEqualTo(withNul.substring(0, 200))
                .contains("Ops\u0000Manager");
    }

    @Test
    void byteOrderMarkAndCrlfAreAccepted() throws IOException {
        Path file = temp.resolve("crlf.jsonl");
        Files.writeString(
                file,
                "\uFEFF" + BEFORE + "\r\n" + "not JSON\r\n" + AFTER + "\r\n",
                StandardCharsets.UTF_8);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(file));

        assertGoodRowsFound(run);
        run.assertCounts(3, 2, Map.of(INVALID_JSON, 1L));
        assertRejected(run.rejected().get(0), 2, INVALID_JSON, "invalid JSON at column 1");
        assertThat(run.rejected().get(0).path("rawStart").asText()).isEqualTo("not JSON");
    }

    @Test
    void lineLongerThanMaximumIsRejected() throws IOException {
        String longLine = RuleCases.with(NEAR_MISS, "Message", "\"" + "x".repeat(20_000) + "\"");
        Path file = RuleCases.write(temp.resolve("long.jsonl"), BEFORE, longLine, AFTER);

        HuntRun run =
                HuntRun.hunt(temp.resolve("out"), List.of(file), "--max-line-bytes", "8192");

        assertGoodRowsFound(run);
        run.assertCounts(3, 2, Map.of(LINE_TOO_LONG, 1L));
        assertRejected(
                run.rejected().get(0),
                2,
                LINE_TOO_LONG,
                "line is longer than the maximum of 8192 bytes");
        assertThat(run.rejected().get(0).path("rawStart").asText())
                .isEqualTo(longLine.substring(0, 200));
    }

    @Test
    void invalidMaxLineBytesIsUsageError() throws IOException {
        Path file = RuleCases.write(temp.resolve("a.jsonl"), BEFORE);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(file), "--max-line-bytes", "0");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.stderr()).contains("--max-line-bytes 0 is outside 1 to 268435456");
    }

    @Test
    void emptyFileGivesNoRecords() throws IOException {
        Path folder = temp.resolve("with-empty");
        RuleCases.write(folder.resolve("a.jsonl"), BEFORE);
        Files.createFile(folder.resolve("b.jsonl"));
        RuleCases.write(folder.resolve("c.jsonl"), AFTER);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(folder));

        assertGoodRowsFound(run);
        run.assertCounts(2, 2, Map.of());
    }

    @Test
    void emptyDirectoryIsUsageError() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("empty"));

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(folder));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.stderr()).contains("kql-hunt: no Event files found in [" + folder + "]");
    }

    @Test
    void missingInputIsUsageError() {
        Path missing = temp.resolve("missing");

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(missing));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.stderr()).contains("kql-hunt: --events " + missing + " not found");
    }

    @Test
    void truncatedGzipKeepsLinesBeforeDamage() throws IOException {
        Path folder = temp.resolve("gz");
        byte[] gzip = gzip(BEFORE, 300);
        Files.createDirectories(folder);
        Files.write(folder.resolve("a.jsonl.gz"), Arrays.copyOf(gzip, gzip.length - 200));
        RuleCases.write(folder.resolve("b.jsonl"), AFTER);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(folder));

        assertGoodRowsFound(run);
        long linesKept = run.summary().path("recordsEvaluated").asLong() - 1;
        assertThat(linesKept).isBetween(1L, 300L);
        run.assertCounts(linesKept + 2, linesKept + 1, Map.of(UNREADABLE_FILE, 1L));
        assertRejected(
                run.rejected().get(0),
                linesKept + 1,
                UNREADABLE_FILE,
                "file is truncated after " + linesKept + " complete lines");
    }

    @Test
    void corruptGzipIsReportedAndHuntGoesOn() throws IOException {
        Path folder = temp.resolve("gz");
        byte[] gzip = gzip(BEFORE, 300);
        for (int i = gzip.length / 2; i < gzip.length / 2 + 16; i++) {
            gzip[i] = (byte) ~gzip[i];
        }
        Files.createDirectories(folder);
        Files.write(folder.resolve("a.jsonl.gz"), gzip);
        RuleCases.write(folder.resolve("b.jsonl"), AFTER);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(folder));

        assertGoodRowsFound(run);
        long read = run.summary().path("recordsRead").asLong();
        long evaluated = run.summary().path("recordsEvaluated").asLong();
        assertThat(read).isEqualTo(evaluated + run.rejected().size());
        List<JsonNode> unreadable =
                run.rejected().stream()
                        .filter(r -> r.path("category").asText().equals("unreadable-file"))
                        .toList();
        assertThat(unreadable).hasSize(1);
        assertThat(unreadable.get(0).path("reason").asText()).startsWith("gzip data is corrupt");
        assertThat(run.summary().path("rejectedByReason").path("unreadable-file").asLong())
                .isEqualTo(1);
    }

    @Test
    void fileThatVanishesAfterListingIsReported() throws Exception {
        Path before = RuleCases.write(temp.resolve("a.jsonl"), BEFORE);
        Path vanished = temp.resolve("b.jsonl");
        Path after = RuleCases.write(temp.resolve("c.jsonl"), AFTER);
        Path out = temp.resolve("out");

        JobExecutionResult result = huntListedFiles(out, List.of(before, vanished, after));

        assertThat(HuntOutput.readParts(out.resolve("matches").resolve(HuntRun.RULE_FOLDER)))
                .extracting(row -> row.path("TimeGenerated").asText())
                .containsExactly(BEFORE_TIME, AFTER_TIME);
        assertThat(counter(result, HuntCounters.RECORDS_READ)).isEqualTo(3);
        assertThat(counter(result, HuntCounters.RECORDS_EVALUATED)).isEqualTo(2);
        assertThat(counter(result, HuntCounters.RECORDS_REJECTED)).isEqualTo(1);
        assertThat(counter(result, ParseEvents.rejectedIn(UNREADABLE_FILE))).isEqualTo(1);
        List<JsonNode> rejected = HuntOutput.readParts(out.resolve("rejected"));
        assertThat(rejected).hasSize(1);
        assertRejected(
                rejected.get(0),
                1,
                UNREADABLE_FILE,
                "file not found: it was removed or renamed after the input was listed");
        assertThat(rejected.get(0).path("file").asText()).endsWith("/b.jsonl");
    }

    @Test
    void fileWithoutReadPermissionIsReported() throws Exception {
        Path before = RuleCases.write(temp.resolve("a.jsonl"), BEFORE);
        Path locked = RuleCases.write(temp.resolve("b.jsonl"), NEAR_MISS);
        Path after = RuleCases.write(temp.resolve("c.jsonl"), AFTER);
        Files.setPosixFilePermissions(locked, Set.of());
        // Root reads any file whatever its permissions, so this case cannot be made as root.
        assumeFalse(Files.isReadable(locked), "the test user can read a file with mode 000");
        Path out = temp.resolve("out");

        JobExecutionResult result = huntListedFiles(out, List.of(before, locked, after));

        assertThat(HuntOutput.readParts(out.resolve("matches").resolve(HuntRun.RULE_FOLDER)))
                .extracting(row -> row.path("TimeGenerated").asText())
                .containsExactly(BEFORE_TIME, AFTER_TIME);
        assertThat(counter(result, ParseEvents.rejectedIn(UNREADABLE_FILE))).isEqualTo(1);
        List<JsonNode> rejected = HuntOutput.readParts(out.resolve("rejected"));
        assertRejected(rejected.get(0), 1, UNREADABLE_FILE, "cannot open the file: ");
    }

    /** Runs the hunt job on a file list, as the CLI does after listing the input folders. */
    private static JobExecutionResult huntListedFiles(Path out, List<Path> files)
            throws Exception {
        Rule rule = RuleLoader.load(HuntRun.RULE.resolve("rule.yaml"));
        HuntRequest request = new HuntRequest(List.of(rule), files, out, null, null);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        HuntJob.build(env, request, files);
        return env.execute("hunt listed files");
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAllAccumulatorResults().get(name);
        return value instanceof Number number ? number.longValue() : -1;
    }

    @Test
    void symbolicLinkLoopIsSkipped() throws IOException {
        Path folder = temp.resolve("loop");
        RuleCases.write(folder.resolve("a.jsonl"), BEFORE);
        RuleCases.write(folder.resolve("sub").resolve("b.jsonl"), AFTER);
        Files.createSymbolicLink(folder.resolve("sub").resolve("back"), folder);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(folder));

        assertGoodRowsFound(run);
        run.assertCounts(2, 2, Map.of());
    }

    @Test
    void deepNestingAndHugeNumbersAreRejected() throws IOException {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        HuntRun run =
                huntLines(
                        BEFORE,
                        "{\"Deep\":" + deep + "," + NEAR_MISS.substring(1),
                        "{\"a\":" + "[".repeat(100_000),
                        NEAR_MISS.replace("\"EventID\":1649", "\"EventID\":1e999999999"),
                        NEAR_MISS.replace("\"EventID\":1649", "\"_BilledSize\":1e400,\"EventID\":1"),
                        NEAR_MISS.replace("\"EventID\":1649", "\"EventID\":" + "9".repeat(5000)),
                        AFTER);

        assertGoodRowsFound(run);
        run.assertCounts(7, 2, Map.of(INVALID_JSON, 3L, INVALID_VALUE, 2L));
        assertRejected(
                run.rejected().get(0),
                2,
                INVALID_JSON,
                "JSON exceeds a parser limit: Document nesting depth (65) exceeds");
        assertRejected(
                run.rejected().get(1),
                3,
                INVALID_JSON,
                "JSON exceeds a parser limit: Document nesting depth (65) exceeds");
        assertRejected(
                run.rejected().get(2),
                4,
                INVALID_VALUE,
                "EventID: 1e999999999 is outside the int range");
        assertRejected(
                run.rejected().get(3), 5, INVALID_VALUE, "_BilledSize: 1e400 is outside the real range");
        assertRejected(
                run.rejected().get(4),
                6,
                INVALID_JSON,
                "JSON exceeds a parser limit: Number value length");
    }

    @Test
    void tooManyRejectedByCountFailsWithStatus3() throws IOException {
        Path file = RuleCases.write(temp.resolve("a.jsonl"), BEFORE, "bad", "bad", AFTER);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(file), "--max-rejected", "1");

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.stderr())
                .contains("kql-hunt: 2 of 4 records were rejected, more than --max-rejected 1");
        assertThat(run.matchTimes()).containsExactly(BEFORE_TIME, AFTER_TIME);
        run.assertCounts(4, 2, Map.of(INVALID_JSON, 2L));
    }

    @Test
    void rejectedWithinCountExitsZero() throws IOException {
        Path file = RuleCases.write(temp.resolve("a.jsonl"), BEFORE, "bad", "bad", AFTER);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(file), "--max-rejected", "2");

        assertThat(run.status()).isZero();
        assertThat(run.stdout()).contains("  rejected: 2 invalid-json\n");
    }

    @Test
    void rejectedLimitValidatesRecordsThePrefilterWouldSkip() throws IOException {
        Path file = RuleCases.write(
                temp.resolve("a.jsonl"), BEFORE, "{\"TimeGenerated\": \"not a time\"}", AFTER);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(file), "--max-rejected", "0");

        assertThat(run.status()).isEqualTo(3);
        assertThat(run.matchTimes()).containsExactly(BEFORE_TIME, AFTER_TIME);
        run.assertCounts(3, 2, Map.of(INVALID_TIME, 1L));
    }

    @Test
    void tooManyRejectedByPercentageFailsWithStatus3() throws IOException {
        Path file = RuleCases.write(temp.resolve("a.jsonl"), BEFORE, "bad", NEAR_MISS, AFTER);

        HuntRun over = HuntRun.hunt(temp.resolve("over"), List.of(file), "--max-rejected", "24.9%");
        HuntRun within = HuntRun.hunt(temp.resolve("within"), List.of(file), "--max-rejected", "25%");

        assertThat(over.status()).isEqualTo(3);
        assertThat(over.stderr()).contains("1 of 4 records were rejected, more than --max-rejected 24.9%");
        assertThat(within.status()).isZero();
    }

    @Test
    void invalidMaxRejectedIsUsageError() throws IOException {
        Path file = RuleCases.write(temp.resolve("a.jsonl"), BEFORE);

        for (String bad : List.of("-1", "lots", "101%", "%")) {
            HuntRun run =
                    HuntRun.hunt(temp.resolve("out-" + bad), List.of(file), "--max-rejected", bad);

            assertThat(run.status()).as(bad).isEqualTo(2);
            assertThat(run.stderr()).as(bad).contains("invalid --max-rejected '" + bad + "'");
        }
    }

    private HuntRun huntLines(String... lines) throws IOException {
        Path file = RuleCases.write(temp.resolve("events.jsonl"), lines);
        return HuntRun.hunt(temp.resolve("out"), List.of(file));
    }

    private static void assertGoodRowsFound(HuntRun run) {
        assertThat(run.status()).as("exit status; stderr: %s", run.stderr()).isZero();
        assertThat(run.matchTimes()).containsExactly(BEFORE_TIME, AFTER_TIME);
    }

    private static void assertRejected(
            JsonNode rejection, long line, RejectionCategory category, String reasonStart) {
        assertThat(rejection.path("line").asLong()).as("line of %s", rejection).isEqualTo(line);
        assertThat(rejection.path("category").asText())
                .as("category of %s", rejection)
                .isEqualTo(category.label());
        assertThat(rejection.path("reason").asText()).contains(reasonStart);
    }

    /** Gzips {@code first} followed by {@code fillers} copies of a line that does not match. */
    private static byte[] gzip(String first, int fillers) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write((first + "\n").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < fillers; i++) {
                out.write((NEAR_MISS + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
