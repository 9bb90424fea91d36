package dev.kqlhunt.hardening;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kqlhunt.events.ArchiveFiles;
import dev.kqlhunt.events.ParseEvents;
import dev.kqlhunt.job.HuntCounters;
import dev.kqlhunt.job.HuntJob;
import dev.kqlhunt.job.HuntRequest;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleLoader;
import dev.kqlhunt.testing.HuntOutput;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.kqlhunt.events.RejectionCategory.UNREADABLE_FILE;
import static dev.kqlhunt.hardening.RuleCases.AFTER;
import static dev.kqlhunt.hardening.RuleCases.AFTER_TIME;
import static dev.kqlhunt.hardening.RuleCases.BEFORE;
import static dev.kqlhunt.hardening.RuleCases.BEFORE_TIME;
import static dev.kqlhunt.hardening.RuleCases.NEAR_MISS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Hunts folders whose listing leaves entries out or meets entries it cannot read, between two true
 * positives of the Silk Typhoon rule. Each test checks how the entry is reported: as an
 * {@code unreadable-file} rejection, or as a skipped entry with its reason on the console and in
 * summary.json.
 */
class InputListingHuntTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final String NOT_EXPORT_NAME = "1 not .json, .jsonl, .ndjson or their .gz";

    @TempDir Path temp;

    @Test
    void danglingExportLinkIsUnreadableFile() throws IOException {
        Path folder = temp.resolve("archive");
        RuleCases.write(folder.resolve("a.jsonl"), BEFORE);
        RuleCases.write(folder.resolve("c.jsonl"), AFTER);
        Path minute = Files.createDirectories(folder.resolve("y=2021/m=03/d=01/h=00/m=55"));
        Files.createSymbolicLink(minute.resolve("PT05M.json"), Path.of("missing.json"));

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(folder));

        assertGoodRowsFound(run);
        run.assertCounts(3, 2, Map.of(UNREADABLE_FILE, 1L));
        assertUnreadable(
                run.rejected().get(0),
                "/m=55/PT05M.json",
                1,
                "symbolic link target not found: missing.json");
        assertThat(run.stdout()).contains("  rejected: 1 unreadable-file\n");
        assertThat(run.stdout()).doesNotContain("skipped");
        assertSkipped(run, Map.of());
    }

    @Test
    void loopAndOtherNameReportedByReason() throws IOException {
        Path folder = temp.resolve("archive");
        RuleCases.write(folder.resolve("a.jsonl"), BEFORE);
        RuleCases.write(folder.resolve("h=10/c.jsonl"), AFTER);
        RuleCases.write(folder.resolve("README.txt"), NEAR_MISS);
        Files.createSymbolicLink(folder.resolve("h=10/loop"), Path.of(".."));

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(folder));

        assertGoodRowsFound(run);
        run.assertCounts(2, 2, Map.of());
        assertThat(run.stdout())
                .contains(
                        "  skipped 2 input entries: "
                                + NOT_EXPORT_NAME
                                + " (README.txt); 1 symbolic link loop (loop)\n");
        assertSkipped(
                run,
                Map.of(
                        "not-export-name", List.of(folder.resolve("README.txt").toString()),
                        "symbolic-link-loop", List.of(folder.resolve("h=10/loop").toString())));
    }

    @Test
    void partitionsOutsideRangeAreReportedAsSuch() throws IOException {
        Path folder = temp.resolve("archive");
        RuleCases.write(folder.resolve("y=2021/m=03/d=01/h=00/m=00/PT05M.json"), BEFORE);
        RuleCases.write(folder.resolve("y=2021/m=03/d=02/h=00/m=00/PT05M.json"), AFTER);
        RuleCases.write(folder.resolve("y=2021/m=02/d=01/h=00/m=00/PT05M.json"), NEAR_MISS);
        RuleCases.write(folder.resolve("y=2021/m=03/d=20/h=00/m=00/PT05M.json"), NEAR_MISS);

        HuntRun run =
                HuntRun.hunt(
                        temp.resolve("out"),
                        List.of(folder),
                        "--from", "2021-03-01",
                        "--to", "2021-03-02");

        assertGoodRowsFound(run);
        run.assertCounts(2, 2, Map.of());
        assertThat(run.stdout())
                .contains("  skipped 2 input entries: 2 outside --from/--to (d=01, d=20)\n");
        assertSkipped(
                run,
                Map.of(
                        "outside-time-range",
                        List.of(
                                folder.resolve("y=2021/m=02/d=01").toString(),
                                folder.resolve("y=2021/m=03/d=20").toString())));
    }

    @Test
    void repeatedInputIsReportedAsDuplicate() throws IOException {
        Path folder = temp.resolve("archive");
        Path before = RuleCases.write(folder.resolve("a.jsonl"), BEFORE);
        RuleCases.write(folder.resolve("c.jsonl"), AFTER);

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(folder, before));

        assertGoodRowsFound(run);
        run.assertCounts(2, 2, Map.of());
        assertThat(run.stdout())
                .contains("  skipped 1 input entry: 1 same file as another input (a.jsonl)\n");
        assertSkipped(run, Map.of("duplicate", List.of(before.toString())));
    }

    @Test
    void noExportFileErrorListsTheReasons() throws IOException {
        Path folder = temp.resolve("archive");
        RuleCases.write(folder.resolve("README.txt"), BEFORE);
        Files.createSymbolicLink(folder.resolve("loop"), Path.of("."));

        HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(folder));

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.stderr())
                .contains(
                        "kql-hunt: no Event files found in ["
                                + folder
                                + "] (export file names end in .json, .jsonl or .ndjson,"
                                + " optionally followed by .gz); skipped 2: "
                                + NOT_EXPORT_NAME
                                + " (README.txt); 1 symbolic link loop (loop)");
    }

    @Test
    void folderThatCannotBeListedIsUnreadableFile() throws IOException {
        Path folder = temp.resolve("archive");
        RuleCases.write(folder.resolve("a.jsonl"), BEFORE);
        RuleCases.write(folder.resolve("c.jsonl"), AFTER);
        Path locked = folder.resolve("h=10");
        RuleCases.write(locked.resolve("b.jsonl"), NEAR_MISS);
        Files.setPosixFilePermissions(locked, Set.of());
        try {
            // Root lists any folder whatever its permissions, so this case cannot be made as root.
            assumeFalse(Files.isReadable(locked), "the test user can list a folder with mode 000");

            HuntRun run = HuntRun.hunt(temp.resolve("out"), List.of(folder));

            assertGoodRowsFound(run);
            run.assertCounts(3, 2, Map.of(UNREADABLE_FILE, 1L));
            assertUnreadable(
                    run.rejected().get(0),
                    "/h=10/",
                    0,
                    "cannot list the folder, so the export files it may hold were not read:"
                            + " permission denied");
            assertThat(run.stdout())
                    .contains("  skipped 1 input entry: 1 folder cannot be listed (h=10)\n");
            assertSkipped(run, Map.of("unreadable-folder", List.of(locked.toString())));
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void listedFolderIsOneRejectionAtLineZero() throws Exception {
        Path before = RuleCases.write(temp.resolve("a.jsonl"), BEFORE);
        Path folder = temp.resolve("h=10");
        RuleCases.write(folder.resolve("b.jsonl"), NEAR_MISS);
        Path after = RuleCases.write(temp.resolve("c.jsonl"), AFTER);
        Path out = temp.resolve("out");
        Rule rule = RuleLoader.load(HuntRun.RULE.resolve("rule.yaml"));
        HuntRequest request =
                new HuntRequest(List.of(rule), List.of(before, folder, after), out, null, null);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ArchiveFiles.Discovery discovery =
                new ArchiveFiles.Discovery(List.of(before, after), List.of(folder), List.of());

        JobExecutionResult result = HuntJob.run(env, request, discovery);

        assertThat(HuntOutput.readParts(out.resolve("matches").resolve(HuntRun.RULE_FOLDER)))
                .extracting(row -> row.path("TimeGenerated").asText())
                .containsExactly(BEFORE_TIME, AFTER_TIME);
        assertThat(counter(result, HuntCounters.RECORDS_READ)).isEqualTo(3);
        assertThat(counter(result, HuntCounters.RECORDS_EVALUATED)).isEqualTo(2);
        assertThat(counter(result, ParseEvents.rejectedIn(UNREADABLE_FILE))).isEqualTo(1);
        List<JsonNode> rejected = HuntOutput.readParts(out.resolve("rejected"));
        assertThat(rejected).hasSize(1);
        // The folder can be listed when it is read, so the reason names no error.
        assertUnreadable(
                rejected.get(0),
                "/h=10/",
                0,
                "cannot list the folder, so the export files it may hold were not read (the"
                        + " listing failed part way or when the input was listed)");
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAllAccumulatorResults().get(name);
        return value instanceof Number number ? number.longValue() : -1;
    }

    private static void assertUnreadable(
            JsonNode rejection, String fileEnd, long line, String reason) {
        assertThat(rejection.path("file").asText()).as("file").endsWith(fileEnd);
        assertThat(rejection.path("line").asLong()).as("line").isEqualTo(line);
        assertThat(rejection.path("category").asText()).as("category").isEqualTo("unreadable-file");
        assertThat(rejection.path("reason").asText()).as("reason").isEqualTo(reason);
    }

    private static void assertGoodRowsFound(HuntRun run) {
        assertThat(run.status()).as("exit status; stderr: %s", run.stderr()).isZero();
        assertThat(run.matchTimes()).containsExactly(BEFORE_TIME, AFTER_TIME);
    }

    /**
     * Asserts summary.json's {@code skippedEntries}: the paths of each reason in {@code expected},
     * and a count of 0 for every other reason.
     */
    private static void assertSkipped(HuntRun run, Map<String, List<String>> expected) {
        JsonNode skipped = run.summary().path("skippedEntries");
        for (ArchiveFiles.SkipReason reason : ArchiveFiles.SkipReason.values()) {
            List<String> paths = expected.getOrDefault(reason.key(), List.of());
            JsonNode entry = skipped.path(reason.key());
            assertThat(entry.path("count").asInt(-1))
                    .as("skippedEntries.%s.count", reason.key())
                    .isEqualTo(paths.size());
            assertThat(entry.path("paths"))
                    .extracting(JsonNode::asText)
                    .as("skippedEntries.%s.paths", reason.key())
                    .containsExactlyElementsOf(paths);
        }
    }
}
