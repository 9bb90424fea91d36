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
import dev.kqlhunt.tuning.TuningLoader;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfills the bundled archive (2021-02-28 to 2021-03-04) with the Silk Typhoon rule and a
 * tuning file that removes three of its eight results, and compares each window with a tuned
 * hunt over the same days and with {@code --no-tuning}.
 */
class BackfillTuningTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Path JOB = Path.of("jobs/silk-typhoon-um-service-error");
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

    private static final String UPDATE = "Exchange update restarts the UM service";
    private static final String LOOKUP = "UM object lookup on EXCH02";
    private static final String ADMIN = "Admin account managing users";
    private static final String DISABLED = "Every result on EXCH01";
    private static final String EXPIRED = "Every result on EXCH02";

    /**
     * UPDATE removes the only result of 2021-02-28 and of 2021-03-04, and LOOKUP one of the two
     * results of 2021-03-03. Applied, the disabled and the expired exclusion would together remove
     * every result.
     */
    private static final String TUNING =
            """
            exclusions:
              - name: Exchange update restarts the UM service
                reason: Updates restart the UM service, which logs service-level errors.
                owner: exchange-admins
                where: |
                  Computer in~ ("EXCH01.contoso.com", "EXCH02.contoso.com")
                  and RenderedDescription startswith "The Microsoft Exchange Unified Messaging service"
              - name: UM object lookup on EXCH02
                reason: A known directory lookup error on EXCH02.
                owner: exchange-admins
                where: |
                  Computer =~ "EXCH02.contoso.com"
                  and RenderedDescription startswith "Process UMWorkerProcess.exe"
              - name: Admin account managing users
                reason: Account changes by the administrator.
                owner: exchange-admins
                where: UserName =~ "CONTOSO-Administrator"
              - name: Every result on EXCH01
                reason: Disabled, so not applied.
                owner: exchange-admins
                enabled: false
                where: Computer =~ "EXCH01.contoso.com"
              - name: Every result on EXCH02
                reason: Expired, so not applied, although the windows lie before its expiry.
                owner: exchange-admins
                expires: 2021-03-31
                where: Computer =~ "EXCH02.contoso.com"
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path shared;

    @TempDir Path temp;

    private static Path rule;
    private static Path tuned;
    private static Path untuned;
    private static Path hunt;
    private static String tunedConsole;
    private static String untunedConsole;

    /** Runs the tuned and the untuned backfill and the tuned hunt, all from the command line. */
    @BeforeAll
    static void backfillAndHunt() throws IOException {
        rule = Files.createDirectories(shared.resolve("rules").resolve(RULE_FOLDER));
        Files.copy(JOB.resolve("rule.yaml"), rule.resolve("rule.yaml"));
        Files.writeString(rule.resolve("tuning.yaml"), TUNING, StandardCharsets.UTF_8);
        tuned = shared.resolve("tuned");
        untuned = shared.resolve("untuned");
        hunt = shared.resolve("hunt");

        ByteArrayOutputStream tunedOut = new ByteArrayOutputStream();
        int tunedStatus = captureStdout(tunedOut, backfillArgs(tuned));
        ByteArrayOutputStream untunedOut = new ByteArrayOutputStream();
        int untunedStatus = captureStdout(untunedOut, backfillArgs(untuned, "--no-tuning"));
        int huntStatus =
                KqlHunt.execute(
                        "hunt",
                        "--rule", rule.toString(),
                        "--events", ARCHIVE.toString(),
                        "--out", hunt.toString(),
                        "--from", "2021-02-28",
                        "--to", "2021-03-04");
        tunedConsole = tunedOut.toString(StandardCharsets.UTF_8);
        untunedConsole = untunedOut.toString(StandardCharsets.UTF_8);

        assertThat(tunedStatus).isZero();
        assertThat(untunedStatus).isZero();
        assertThat(huntStatus).isZero();
    }

    @Test
    void tunedWindowsHaveTheTunedHuntsMatches() {
        List<JsonNode> huntMatches =
                HuntOutput.readParts(hunt.resolve("matches").resolve(RULE_FOLDER));
        List<JsonNode> backfillMatches = new ArrayList<>();
        for (String window : WINDOWS) {
            backfillMatches.addAll(
                    HuntOutput.readParts(windowDir(tuned, window).resolve("matches")));
        }

        assertThat(backfillMatches).isEqualTo(huntMatches);
        assertThat(backfillMatches)
                .extracting(row -> row.path("TimeGenerated").asText())
                .containsExactly(
                        "2021-03-02T03:41:06.2987511Z",
                        "2021-03-02T03:41:07.3213180Z",
                        "2021-03-02T03:52:19.5066285Z",
                        "2021-03-02T23:58:41.6140812Z",
                        "2021-03-03T01:14:09.8054558Z");
    }

    @Test
    void tunedWindowsHaveTheTunedHuntsAlerts() {
        List<JsonNode> huntAlerts = HuntOutput.readParts(hunt.resolve("alerts"));
        List<JsonNode> backfillAlerts = new ArrayList<>();
        for (String window : WINDOWS) {
            List<JsonNode> alerts =
                    HuntOutput.readParts(windowDir(tuned, window).resolve("alerts"));
            assertThat(alerts)
                    .as("alerts of %s", window)
                    .isEqualTo(
                            huntAlerts.stream()
                                    .filter(alert -> windowOf(alert).equals(window))
                                    .toList());
            backfillAlerts.addAll(alerts);
        }

        // The windows of 2021-02-28 and 2021-03-04 lose their only result and raise no alert.
        assertThat(backfillAlerts).extracting(BackfillTuningTest::windowOf)
                .containsExactly("2021-03-02T00-00-00Z", "2021-03-03T00-00-00Z");
        assertThat(backfillAlerts).extracting(BackfillTuningTest::resultCount)
                .containsExactly("4", "1");
        assertThat(backfillAlerts).extracting(BackfillTuningTest::excludedByTuning)
                .containsExactly("", "{\"" + LOOKUP + "\":1}");
    }

    @Test
    void summariesCountEachExclusionPerWindow() throws IOException {
        long[][] expected = {
            // matches, alerts, UPDATE, LOOKUP, ADMIN
            {0, 0, 1, 0, 0},
            {0, 0, 0, 0, 0},
            {4, 1, 0, 0, 0},
            {1, 1, 0, 1, 0},
            {0, 0, 1, 0, 0},
        };
        for (int i = 0; i < WINDOWS.size(); i++) {
            String window = WINDOWS.get(i);
            JsonNode summary = summary(tuned, window);
            JsonNode tuning = summary.path("tuning");

            assertThat(summary.path("matches").asLong()).as("matches of %s", window)
                    .isEqualTo(expected[i][0]);
            assertThat(summary.path("alerts").asLong()).as("alerts of %s", window)
                    .isEqualTo(expected[i][1]);
            assertThat(tuning.path("file").asText()).as("tuning file of %s", window)
                    .isEqualTo(rule.resolve("tuning.yaml").toString());
            assertThat(HuntOutput.fieldNames(tuning.path("excludedBy")))
                    .as("applied exclusions of %s", window)
                    .containsExactly(UPDATE, LOOKUP, ADMIN);
            assertThat(tuning.path("excludedBy").path(UPDATE).asLong())
                    .as("%s in %s", UPDATE, window).isEqualTo(expected[i][2]);
            assertThat(tuning.path("excludedBy").path(LOOKUP).asLong())
                    .as("%s in %s", LOOKUP, window).isEqualTo(expected[i][3]);
            assertThat(tuning.path("excludedBy").path(ADMIN).asLong())
                    .as("%s in %s", ADMIN, window).isEqualTo(expected[i][4]);
            assertThat(tuning.path("excluded").asLong()).as("excluded in %s", window)
                    .isEqualTo(expected[i][2] + expected[i][3] + expected[i][4]);
            assertThat(tuning.path("disabled")).as("disabled in %s", window)
                    .extracting(JsonNode::asText).containsExactly(DISABLED);
            assertThat(tuning.path("expired")).as("expired in %s", window)
                    .extracting(JsonNode::asText).containsExactly(EXPIRED);
        }
    }

    @Test
    void windowTotalsMatchTheTunedHunt() throws IOException {
        JsonNode huntTuning =
                JSON.readTree(hunt.resolve("summary.json").toFile())
                        .path("rules").get(0).path("tuning");
        long update = 0;
        long lookup = 0;
        long admin = 0;
        for (String window : WINDOWS) {
            JsonNode excludedBy = summary(tuned, window).path("tuning").path("excludedBy");
            update += excludedBy.path(UPDATE).asLong();
            lookup += excludedBy.path(LOOKUP).asLong();
            admin += excludedBy.path(ADMIN).asLong();
        }

        assertThat(huntTuning.path("excluded").asLong()).isEqualTo(3);
        assertThat(update).isEqualTo(huntTuning.path("excludedBy").path(UPDATE).asLong());
        assertThat(lookup).isEqualTo(huntTuning.path("excludedBy").path(LOOKUP).asLong());
        assertThat(admin).isEqualTo(huntTuning.path("excludedBy").path(ADMIN).asLong());
        assertThat(update).isEqualTo(2);
        assertThat(lookup).isEqualTo(1);
        assertThat(admin).isZero();
    }

    @Test
    void progressNamesTheAppliedExclusions() throws IOException {
        JsonNode tuning =
                JSON.readTree(tuned.resolve(RULE_FOLDER).resolve("_progress.json").toFile())
                        .path("tuning");

        assertThat(tuning.path("file").asText())
                .isEqualTo(rule.resolve("tuning.yaml").toString());
        assertThat(tuning.path("applied")).extracting(JsonNode::asText)
                .containsExactly(UPDATE, LOOKUP, ADMIN);
        assertThat(tuning.path("disabled")).extracting(JsonNode::asText)
                .containsExactly(DISABLED);
        assertThat(tuning.path("expired")).extracting(JsonNode::asText)
                .containsExactly(EXPIRED);
    }

    @Test
    void consoleShowsExclusionsPerWindowAndRule() {
        String file = rule.resolve("tuning.yaml").toString();

        assertThat(tunedConsole)
                .containsPattern(
                        "\\[1/5\\] " + RULE_FOLDER + " 2021-02-28T00-00-00Z: \\d+ rows,"
                                + " 0 matches, 0 alerts, 1 excluded by tuning\n");
        assertThat(tunedConsole)
                .containsPattern(
                        "\\[4/5\\] " + RULE_FOLDER + " 2021-03-03T00-00-00Z: \\d+ rows,"
                                + " 1 matches, 1 alerts, 1 excluded by tuning, 1 rejected\n");
        assertThat(tunedConsole)
                .contains(
                        RULE_FOLDER + ": 5 windows evaluated, 0 already finished, 0 gaps,"
                                + " 1 incomplete;")
                .contains(" 5 matches, 2 alerts\n")
                .contains(
                        "  3 results excluded by tuning in " + file + "\n"
                                + "    2  " + UPDATE + "\n"
                                + "    1  " + LOOKUP + "\n"
                                + "    0  " + ADMIN + "\n"
                                + "    not applied: 1 disabled, 1 expired (see kql-hunt lint)\n");
    }

    @Test
    void noTuningGivesTheUntunedResults() throws IOException {
        List<JsonNode> matches = new ArrayList<>();
        List<JsonNode> alerts = new ArrayList<>();
        for (String window : WINDOWS) {
            matches.addAll(HuntOutput.readParts(windowDir(untuned, window).resolve("matches")));
            alerts.addAll(HuntOutput.readParts(windowDir(untuned, window).resolve("alerts")));
            assertThat(summary(untuned, window).has("tuning")).as("tuning of %s", window)
                    .isFalse();
        }

        assertThat(matches).isEqualTo(HuntOutput.readLines(EXPECTED.resolve("matches.jsonl")));
        assertThat(alerts.stream().map(HuntOutput::alertSummary).toList())
                .containsExactlyElementsOf(HuntOutput.readLines(EXPECTED.resolve("alerts.jsonl")));
        assertThat(alerts).extracting(BackfillTuningTest::excludedByTuning)
                .containsOnly("");
        assertThat(untunedConsole).doesNotContain("excluded by tuning");
        assertThat(untunedConsole).contains(" 8 matches, 4 alerts\n");
    }

    @Test
    void changedTuningEvaluatesFinishedWindowsAgain() throws Exception {
        Path out = temp.resolve("copy");
        FileUtils.copy(
                new org.apache.flink.core.fs.Path(tuned.toUri()),
                new org.apache.flink.core.fs.Path(out.toUri()),
                false);
        Rule loaded = RuleLoader.load(rule.resolve("rule.yaml"));
        BackfillRequest sameTuning =
                request(loaded, out, Map.of(RULE_FOLDER,
                        TuningLoader.load(rule.resolve("tuning.yaml"))));
        BackfillRequest noTuning = request(loaded, out, Map.of());

        BackfillReport.RuleReport again = run(sameTuning).rules().get(0);
        BackfillReport.RuleReport untunedRun = run(noTuning).rules().get(0);

        // The archive ends on 2021-03-04, so its window is incomplete and evaluated again.
        assertThat(again.alreadyFinished()).isEqualTo(4);
        assertThat(again.evaluated()).isEqualTo(1);
        assertThat(again.tuning().excludedBy())
                .containsExactly(Map.entry(UPDATE, 1L), Map.entry(LOOKUP, 0L),
                        Map.entry(ADMIN, 0L));
        assertThat(untunedRun.alreadyFinished()).isZero();
        assertThat(untunedRun.evaluated()).isEqualTo(5);
        assertThat(untunedRun.matches()).isEqualTo(8);
        assertThat(untunedRun.alerts()).isEqualTo(4);
        assertThat(untunedRun.tuning()).isNull();
        assertThat(summary(out, "2021-02-28T00-00-00Z").path("matches").asLong()).isEqualTo(1);
    }

    private static String[] backfillArgs(Path out, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "backfill",
                                "--rule", rule.toString(),
                                "--events", ARCHIVE.toString(),
                                "--out", out.toString(),
                                "--from", "2021-02-28",
                                "--to", "2021-03-04",
                                "--windows-per-job", "5"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** Runs the command line with its standard output going to {@code stdout}. */
    private static int captureStdout(ByteArrayOutputStream stdout, String... args) {
        PrintStream original = System.out;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            return KqlHunt.execute(args);
        } finally {
            System.setOut(original);
        }
    }

    private static BackfillRequest request(
            Rule loaded, Path out, Map<String, dev.kqlhunt.tuning.TuningFile> tuning) {
        return new BackfillRequest(
                List.of(loaded),
                List.of(ARCHIVE),
                out,
                Instant.parse("2021-02-28T00:00:00Z"),
                Instant.parse("2021-03-05T00:00:00Z"),
                false,
                5,
                tuning,
                BackfillRequest.DEFAULT_MAX_EXPORT_DELAY);
    }

    private static BackfillReport run(BackfillRequest request) throws Exception {
        return Backfill.run(
                request,
                StreamExecutionEnvironment::getExecutionEnvironment,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static Path windowDir(Path out, String window) {
        return out.resolve(RULE_FOLDER).resolve(window);
    }

    private static JsonNode summary(Path out, String window) throws IOException {
        return JSON.readTree(windowDir(out, window).resolve("summary.json").toFile());
    }

    private static String windowOf(JsonNode alert) {
        return alert.path("ExtendedProperties").path("Query Start Time UTC").asText()
                .replace(':', '-');
    }

    private static String resultCount(JsonNode alert) {
        return alert.path("ExtendedProperties").path("Search Query Results Overall Count")
                .asText();
    }

    private static String excludedByTuning(JsonNode alert) {
        return alert.path("ExtendedProperties").path("Excluded By Tuning").asText("");
    }
}
