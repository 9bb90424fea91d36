package dev.kqlhunt.backfill;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.FileUtils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kqlhunt.cli.KqlHunt;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleLoader;
import dev.kqlhunt.testing.HuntOutput;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfills the bundled archive (2021-02-28 to 2021-03-04) with the Silk Typhoon rule, whose
 * schedule is 1d/1d, and compares each day's window with the one-shot hunt of the whole archive.
 */
class BackfillTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Path RULE = Path.of("jobs/silk-typhoon-um-service-error");
    private static final Path ARCHIVE = Path.of("test-data/archive");
    private static final Path EXPECTED = Path.of("test-data/expected");
    private static final String RULE_FOLDER = "silk-typhoon-um-service-error";
    private static final List<String> WINDOWS =
            List.of(
                    "2021-02-28T00-00-00Z",
                    "2021-03-01T00-00-00Z",
                    "2021-03-02T00-00-00Z",
                    "2021-03-03T00-00-00Z",
                    "2021-03-04T00-00-00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path shared;

    @TempDir Path temp;

    private static Path backfill;
    private static Path hunt;

    /** Runs the backfill through the command line, and the one-shot hunt to compare with. */
    @BeforeAll
    static void backfillAndHunt() {
        backfill = shared.resolve("backfill");
        hunt = shared.resolve("hunt");

        int backfillStatus =
                KqlHunt.execute(
                        "backfill",
                        "--rule", RULE.toString(),
                        "--events", ARCHIVE.toString(),
                        "--out", backfill.toString(),
                        "--from", "2021-02-28",
                        "--to", "2021-03-04",
                        "--windows-per-job", "5");
        int huntStatus =
                KqlHunt.execute(
                        "hunt",
                        "--rule", RULE.toString(),
                        "--events", ARCHIVE.toString(),
                        "--out", hunt.toString());

        assertThat(backfillStatus).isZero();
        assertThat(huntStatus).isZero();
    }

    @Test
    void windowsHaveTheHuntsAlerts() {
        List<JsonNode> huntAlerts = HuntOutput.readParts(hunt.resolve("alerts"));
        assertThat(huntAlerts).hasSize(4);

        List<JsonNode> backfillAlerts = new ArrayList<>();
        for (String window : WINDOWS) {
            List<JsonNode> alerts = HuntOutput.readParts(windowDir(window).resolve("alerts"));
            List<JsonNode> expected =
                    huntAlerts.stream()
                            .filter(alert -> windowOf(alert).equals(window))
                            .toList();
            assertThat(alerts).as("alerts of %s", window).isEqualTo(expected);
            backfillAlerts.addAll(alerts);
        }
        assertThat(backfillAlerts.stream().map(HuntOutput::alertSummary).toList())
                .containsExactlyElementsOf(HuntOutput.readLines(EXPECTED.resolve("alerts.jsonl")));
    }

    @Test
    void windowsHaveTheExpectedMatches() {
        List<JsonNode> expected = HuntOutput.readLines(EXPECTED.resolve("matches.jsonl"));
        List<JsonNode> all = new ArrayList<>();
        for (String window : WINDOWS) {
            List<JsonNode> matches = HuntOutput.readParts(windowDir(window).resolve("matches"));
            String day = window.substring(0, 10);
            assertThat(matches)
                    .as("matches of %s", window)
                    .isEqualTo(
                            expected.stream()
                                    .filter(row -> row.path("TimeGenerated").asText()
                                            .startsWith(day))
                                    .toList());
            all.addAll(matches);
        }
        assertThat(all).isEqualTo(expected);
    }

    @Test
    void rejectedLinesBelongToTheirWindow() {
        List<JsonNode> expected = HuntOutput.readLines(EXPECTED.resolve("rejected.jsonl"));
        assertThat(rejectedFiles("2021-03-01T00-00-00Z"))
                .containsExactly(expected.get(0).path("file").asText() + ":4");
        assertThat(rejectedFiles("2021-03-03T00-00-00Z"))
                .containsExactly(expected.get(1).path("file").asText() + ":5");
        for (String window : List.of(WINDOWS.get(0), WINDOWS.get(2), WINDOWS.get(4))) {
            assertThat(rejectedFiles(window)).as("rejected lines of %s", window).isEmpty();
        }
    }

    @Test
    void summariesCountEachWindow() throws IOException {
        Rule rule = RuleLoader.load(RULE.resolve("rule.yaml"));
        JsonNode summary = JSON.readTree(windowDir("2021-03-02T00-00-00Z")
                .resolve("summary.json").toFile());

        assertThat(summary.path("windowStart").asText()).isEqualTo("2021-03-02T00:00:00Z");
        assertThat(summary.path("windowEnd").asText()).isEqualTo("2021-03-03T00:00:00Z");
        assertThat(summary.path("matches").asLong()).isEqualTo(4);
        assertThat(summary.path("alerts").asLong()).isEqualTo(1);
        assertThat(summary.path("rejected").asLong()).isZero();
        assertThat(summary.path("ruleVersion").asText()).isEqualTo(rule.version());
        assertThat(summary.path("systemAlertId").asText())
                .isEqualTo(
                        HuntOutput.readParts(windowDir("2021-03-02T00-00-00Z").resolve("alerts"))
                                .get(0).path("SystemAlertId").asText());
        assertThat(JSON.readTree(windowDir("2021-03-01T00-00-00Z").resolve("summary.json")
                .toFile()).has("systemAlertId")).isFalse();
    }

    @Test
    void outputHasOnlyFinishedWindows() throws IOException {
        try (Stream<Path> entries = Files.list(backfill.resolve(RULE_FOLDER))) {
            assertThat(entries.map(path -> path.getFileName().toString()).sorted().toList())
                    .containsExactly(
                            WINDOWS.get(0), WINDOWS.get(1), WINDOWS.get(2), WINDOWS.get(3),
                            WINDOWS.get(4), "_gaps.json", "_progress.json");
        }
        JsonNode last = JSON.readTree(windowDir(WINDOWS.get(4)).resolve("summary.json").toFile());
        assertThat(last.path("complete").asBoolean()).isFalse();
        assertThat(last.path("missingLateDays").get(0).asText()).isEqualTo("2021-03-05");
        for (String window : WINDOWS.subList(0, 4)) {
            JsonNode summary = JSON.readTree(windowDir(window).resolve("summary.json").toFile());
            assertThat(summary.path("complete").asBoolean()).as("complete of %s", window).isTrue();
            assertThat(summary.has("missingLateDays")).as("late days of %s", window).isFalse();
        }
        try (Stream<Path> staged = Files.list(backfill.resolve(".staging"))) {
            assertThat(staged).isEmpty();
        }
        JsonNode progress =
                JSON.readTree(backfill.resolve(RULE_FOLDER).resolve("_progress.json").toFile());
        assertThat(progress.path("windows").asInt()).isEqualTo(5);
        assertThat(progress.path("finished").asInt()).isEqualTo(4);
        assertThat(progress.path("incomplete").asInt()).isEqualTo(1);
        assertThat(progress.path("pending").asInt()).isZero();
    }

    /**
     * The archive ends on 2021-03-04, so the last window misses the rows exported late on
     * 2021-03-05 and each run evaluates it again.
     */
    @Test
    void rerunSkipsFinishedWindows() throws Exception {
        Path out = copyOf(backfill);
        List<String> partsBefore = partFiles(out.resolve(RULE_FOLDER), WINDOWS.subList(0, 4));
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        BackfillReport report = run(out, "2021-02-28", "2021-03-04", false, console);

        BackfillReport.RuleReport rule = report.rules().get(0);
        assertThat(rule.alreadyFinished()).isEqualTo(4);
        assertThat(rule.evaluated()).isEqualTo(1);
        assertThat(rule.incomplete())
                .containsExactly(
                        new BackfillReport.Incomplete(
                                WINDOWS.get(4), List.of(LocalDate.of(2021, 3, 5))));
        assertThat(partFiles(out.resolve(RULE_FOLDER), WINDOWS.subList(0, 4)))
                .isEqualTo(partsBefore);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains(RULE_FOLDER + ": 5 windows, 4 already finished, 0 gaps, 1 to evaluate"
                        + " (1 without all late-export days)")
                .contains("  incomplete 2021-03-04T00-00-00Z: late-export days missing"
                        + " [2021-03-05]")
                .contains(" 2021-03-04T00-00-00Z: ")
                .contains(", incomplete: late-export days missing [2021-03-05]");
    }

    /**
     * Backfills an archive whose 2021-03-03 partitions arrive late. The 23:58:41 match of the
     * 2021-03-02 window, from EXCH02, was exported on 2021-03-03, so the first run writes that
     * window as incomplete with 3 of its 4 matches and the second run evaluates it again.
     */
    @Test
    void windowMissingLateDaysIsEvaluatedAgain() throws Exception {
        Path archive = copyOfArchive();
        Path day = findDay(archive, "m=03", "d=03");
        Path away = temp.resolve("d=03");
        Files.move(day, away);
        Path out = temp.resolve("out");
        Path folder = out.resolve(RULE_FOLDER);
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        BackfillReport first = run(archive, out, "2021-02-28", "2021-03-04", false, console);

        BackfillReport.RuleReport rule = first.rules().get(0);
        assertThat(rule.alreadyFinished()).isZero();
        assertThat(rule.evaluated()).isEqualTo(4);
        assertThat(rule.gaps())
                .containsExactly(
                        new BackfillReport.Gap(
                                "2021-03-03T00-00-00Z", List.of(LocalDate.of(2021, 3, 3))));
        assertThat(rule.incomplete())
                .containsExactly(
                        new BackfillReport.Incomplete(
                                "2021-03-02T00-00-00Z", List.of(LocalDate.of(2021, 3, 3))),
                        new BackfillReport.Incomplete(
                                "2021-03-04T00-00-00Z", List.of(LocalDate.of(2021, 3, 5))));
        assertThat(windowFolders(folder))
                .containsExactly(WINDOWS.get(0), WINDOWS.get(1), WINDOWS.get(2), WINDOWS.get(4));
        JsonNode summary = summaryOf(folder, "2021-03-02T00-00-00Z");
        assertThat(summary.path("complete").asBoolean()).isFalse();
        assertThat(summary.path("missingLateDays").toString()).isEqualTo("[\"2021-03-03\"]");
        assertThat(summary.path("matches").asLong()).isEqualTo(3);
        assertThat(summaryOf(folder, "2021-03-01T00-00-00Z").path("complete").asBoolean())
                .isTrue();
        List<JsonNode> alerts = alertsOf(folder, "2021-03-02T00-00-00Z");
        assertThat(alerts).hasSize(1);
        assertThat(hostNames(alerts.get(0))).containsExactly("EXCH01");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains(RULE_FOLDER + ": 5 windows, 0 already finished, 1 gaps, 4 to evaluate"
                        + " (2 without all late-export days)")
                .contains("  gap 2021-03-03T00-00-00Z: no partition for [2021-03-03]")
                .contains("  incomplete 2021-03-02T00-00-00Z: late-export days missing"
                        + " [2021-03-03]");
        JsonNode gaps = JSON.readTree(folder.resolve("_gaps.json").toFile());
        assertThat(gaps.path("gaps")).hasSize(1);
        assertThat(gaps.path("incomplete")).hasSize(2);
        JsonNode entry = gaps.path("incomplete").get(0);
        assertThat(entry.path("window").asText()).isEqualTo("2021-03-02T00-00-00Z");
        assertThat(entry.path("reason").asText()).isEqualTo("late-export days missing");
        assertThat(entry.path("missingLateDays").toString()).isEqualTo("[\"2021-03-03\"]");
        JsonNode progress = JSON.readTree(folder.resolve("_progress.json").toFile());
        assertThat(progress.path("finished").asInt()).isEqualTo(2);
        assertThat(progress.path("incomplete").asInt()).isEqualTo(2);

        Files.move(away, day);
        ByteArrayOutputStream secondConsole = new ByteArrayOutputStream();
        BackfillReport second =
                run(archive, out, "2021-02-28", "2021-03-04", false, secondConsole);

        BackfillReport.RuleReport again = second.rules().get(0);
        assertThat(again.alreadyFinished()).isEqualTo(2);
        assertThat(again.evaluated()).isEqualTo(3);
        assertThat(again.gaps()).isEmpty();
        assertThat(again.incomplete())
                .containsExactly(
                        new BackfillReport.Incomplete(
                                "2021-03-04T00-00-00Z", List.of(LocalDate.of(2021, 3, 5))));
        assertThat(secondConsole.toString(StandardCharsets.UTF_8))
                .contains(RULE_FOLDER + ": 5 windows, 2 already finished, 0 gaps, 3 to evaluate"
                        + " (1 without all late-export days)")
                .contains(" 2021-03-02T00-00-00Z: ")
                .contains(" 2021-03-03T00-00-00Z: ")
                .doesNotContain(" 2021-02-28T00-00-00Z: ")
                .doesNotContain(" 2021-03-01T00-00-00Z: ");
        assertThat(windowFolders(folder)).containsExactlyElementsOf(WINDOWS);
        JsonNode complete = summaryOf(folder, "2021-03-02T00-00-00Z");
        assertThat(complete.path("complete").asBoolean()).isTrue();
        assertThat(complete.has("missingLateDays")).isFalse();
        assertThat(complete.path("matches").asLong()).isEqualTo(4);
        List<JsonNode> completeAlerts = alertsOf(folder, "2021-03-02T00-00-00Z");
        assertThat(completeAlerts).hasSize(1);
        assertThat(hostNames(completeAlerts.get(0))).containsExactly("EXCH01", "EXCH02");
        assertThat(HuntOutput.alertSummary(completeAlerts.get(0)))
                .isEqualTo(HuntOutput.readLines(EXPECTED.resolve("alerts.jsonl")).get(1));
        JsonNode gapsAfter = JSON.readTree(folder.resolve("_gaps.json").toFile());
        assertThat(gapsAfter.path("gaps")).isEmpty();
        assertThat(gapsAfter.path("incomplete")).hasSize(1);
        assertThat(gapsAfter.path("incomplete").get(0).path("window").asText())
                .isEqualTo("2021-03-04T00-00-00Z");
    }

    @Test
    void unboundedDelayChecksNextDay() throws Exception {
        Path archive = copyOfArchive();
        FileUtils.deleteDirectory(findDay(archive, "m=03", "d=03").toFile());
        Path out = temp.resolve("out");
        BackfillRequest request =
                new BackfillRequest(
                        List.of(RuleLoader.load(RULE.resolve("rule.yaml"))),
                        List.of(archive),
                        out,
                        Instant.parse("2021-03-01T00:00:00Z"),
                        Instant.parse("2021-03-03T00:00:00Z"),
                        false,
                        5,
                        java.util.Map.of(),
                        null);

        BackfillReport report =
                Backfill.run(
                        request,
                        StreamExecutionEnvironment::getExecutionEnvironment,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        BackfillReport.RuleReport rule = report.rules().get(0);
        assertThat(rule.evaluated()).isEqualTo(2);
        assertThat(rule.incomplete())
                .containsExactly(
                        new BackfillReport.Incomplete(
                                "2021-03-02T00-00-00Z", List.of(LocalDate.of(2021, 3, 3))));
    }

    @Test
    void forceReplacesWindowWithSameAlert() throws Exception {
        Path out = copyOf(backfill);
        String window = "2021-03-02T00-00-00Z";
        List<JsonNode> alertsBefore =
                HuntOutput.readParts(out.resolve(RULE_FOLDER).resolve(window).resolve("alerts"));
        List<String> partsBefore = partFiles(out.resolve(RULE_FOLDER).resolve(window));

        BackfillReport report =
                run(out, "2021-03-02", "2021-03-02", true, new ByteArrayOutputStream());

        assertThat(report.rules().get(0).evaluated()).isEqualTo(1);
        Path replaced = out.resolve(RULE_FOLDER).resolve(window);
        assertThat(partFiles(replaced)).doesNotContainAnyElementsOf(partsBefore);
        assertThat(HuntOutput.readParts(replaced.resolve("alerts"))).isEqualTo(alertsBefore);
        assertThat(HuntOutput.readParts(replaced.resolve("matches"))).hasSize(4);
    }

    @Test
    void missingDayIsReportedAsGap() throws Exception {
        Path archive = copyOfArchive();
        Path day = findDay(archive, "m=03", "d=01");
        FileUtils.deleteDirectory(day.toFile());
        Path out = temp.resolve("out");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        BackfillReport report = run(archive, out, "2021-02-28", "2021-03-02", false, console);

        BackfillReport.RuleReport rule = report.rules().get(0);
        assertThat(rule.gaps())
                .containsExactly(
                        new BackfillReport.Gap(
                                "2021-03-01T00-00-00Z", List.of(LocalDate.of(2021, 3, 1))));
        assertThat(rule.evaluated()).isEqualTo(2);
        assertThat(rule.incomplete())
                .containsExactly(
                        new BackfillReport.Incomplete(
                                "2021-02-28T00-00-00Z", List.of(LocalDate.of(2021, 3, 1))));
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("gap 2021-03-01T00-00-00Z: no partition for [2021-03-01]");
        assertThat(out.resolve(RULE_FOLDER).resolve("2021-03-01T00-00-00Z")).doesNotExist();
        assertThat(HuntOutput.readParts(
                        out.resolve(RULE_FOLDER).resolve("2021-03-02T00-00-00Z").resolve("matches")))
                .hasSize(4);
        JsonNode gaps = JSON.readTree(out.resolve(RULE_FOLDER).resolve("_gaps.json").toFile());
        assertThat(gaps.path("gaps")).hasSize(1);
        assertThat(gaps.path("gaps").get(0).path("window").asText())
                .isEqualTo("2021-03-01T00-00-00Z");
        assertThat(gaps.path("gaps").get(0).path("missingDays").get(0).asText())
                .isEqualTo("2021-03-01");

        BackfillReport again =
                run(archive, out, "2021-02-28", "2021-03-02", false, new ByteArrayOutputStream());

        // The 2021-02-28 window reads its late rows from the missing day, so it stays incomplete.
        assertThat(again.rules().get(0).alreadyFinished()).isEqualTo(1);
        assertThat(again.rules().get(0).evaluated()).isEqualTo(1);
        assertThat(again.rules().get(0).gaps()).hasSize(1);
    }

    @Test
    void danglingExportLinkIsRejectedInItsWindow() throws Exception {
        Path archive = copyOfArchive();
        Path minute = Files.createDirectories(findDay(archive, "m=03", "d=02").resolve("h=05/m=55"));
        Files.createSymbolicLink(minute.resolve("PT05M.json"), Path.of("missing.json"));
        Path out = temp.resolve("out");

        BackfillReport report =
                run(archive, out, "2021-03-02", "2021-03-02", false, new ByteArrayOutputStream());

        assertThat(report.rules().get(0).evaluated()).isEqualTo(1);
        Path window = out.resolve(RULE_FOLDER).resolve("2021-03-02T00-00-00Z");
        JsonNode summary = JSON.readTree(window.resolve("summary.json").toFile());
        assertThat(summary.path("rejected").asLong()).isEqualTo(1);
        assertThat(summary.path("matches").asLong()).isEqualTo(4);
        List<JsonNode> rejected = HuntOutput.readParts(window.resolve("rejected"));
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).path("file").asText()).endsWith("/h=05/m=55/PT05M.json");
        assertThat(rejected.get(0).path("line").asLong()).isEqualTo(1);
        assertThat(rejected.get(0).path("category").asText()).isEqualTo("unreadable-file");
        assertThat(rejected.get(0).path("reason").asText())
                .isEqualTo("symbolic link target not found: missing.json");
    }

    private static BackfillReport run(
            Path out, String from, String to, boolean force, ByteArrayOutputStream console)
            throws Exception {
        return run(ARCHIVE, out, from, to, force, console);
    }

    private static BackfillReport run(
            Path archive,
            Path out,
            String from,
            String to,
            boolean force,
            ByteArrayOutputStream console)
            throws Exception {
        return Backfill.run(
                request(archive, out, from, to, force),
                StreamExecutionEnvironment::getExecutionEnvironment,
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    private static BackfillRequest request(
            Path archive, Path out, String from, String to, boolean force) throws IOException {
        return new BackfillRequest(
                List.of(RuleLoader.load(RULE.resolve("rule.yaml"))),
                List.of(archive),
                out,
                Instant.parse(from + "T00:00:00Z"),
                LocalDate.parse(to).plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC),
                force,
                5);
    }

    private static Path windowDir(String window) {
        return backfill.resolve(RULE_FOLDER).resolve(window);
    }

    private static String windowOf(JsonNode alert) {
        return alert.path("ExtendedProperties").path("Query Start Time UTC").asText()
                .replace(':', '-');
    }

    /** Returns each rejected line of a window as the file relative to the archive and line. */
    private static List<String> rejectedFiles(String window) {
        String root = ARCHIVE.toAbsolutePath().toUri().toString().replace("file:///", "file:/");
        return HuntOutput.readParts(windowDir(window).resolve("rejected")).stream()
                .map(rejected -> rejected.path("file").asText().replace(root, "") + ":"
                        + rejected.path("line").asLong())
                .toList();
    }

    private static JsonNode summaryOf(Path folder, String window) throws IOException {
        return JSON.readTree(folder.resolve(window).resolve("summary.json").toFile());
    }

    private static List<JsonNode> alertsOf(Path folder, String window) {
        return HuntOutput.readParts(folder.resolve(window).resolve("alerts"));
    }

    private static List<String> hostNames(JsonNode alert) {
        List<String> hosts = new ArrayList<>();
        for (JsonNode entity : alert.path("Entities")) {
            hosts.add(entity.path("HostName").asText());
        }
        return hosts;
    }

    /** Returns the window folders under a rule's output folder, leaving out its files. */
    private static List<String> windowFolders(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    private static List<String> partFiles(Path folder, List<String> windows) throws IOException {
        List<String> parts = new ArrayList<>();
        for (String window : windows) {
            parts.addAll(partFiles(folder.resolve(window)));
        }
        return parts;
    }

    private static List<String> partFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.getFileName().toString().startsWith("part-"))
                    .map(file -> root.relativize(file).toString())
                    .sorted()
                    .toList();
        }
    }

    private Path copyOf(Path source) throws IOException {
        Path target = temp.resolve("copy");
        FileUtils.copy(
                new org.apache.flink.core.fs.Path(source.toUri()),
                new org.apache.flink.core.fs.Path(target.toUri()),
                false);
        return target;
    }

    private Path copyOfArchive() throws IOException {
        Path archive = temp.resolve("archive");
        FileUtils.copy(
                new org.apache.flink.core.fs.Path(ARCHIVE.toAbsolutePath().toUri()),
                new org.apache.flink.core.fs.Path(archive.toUri()),
                false);
        return archive;
    }

    private static Path findDay(Path archive, String month, String day) throws IOException {
        try (Stream<Path> dirs = Files.walk(archive)) {
            return dirs.filter(dir -> dir.getFileName().toString().equals(day)
                            && dir.getParent().getFileName().toString().equals(month))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
