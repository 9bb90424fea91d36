package dev.kqlhunt.stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kqlhunt.alerts.Alert;
import dev.kqlhunt.cli.KqlHunt;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleLoader;
import dev.kqlhunt.rule.Schedule;
import dev.kqlhunt.testing.HuntOutput;
import dev.kqlhunt.tuning.Tuning;
import dev.kqlhunt.tuning.TuningFile;
import dev.kqlhunt.tuning.TuningLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code watch} with a rule's tuning file, against {@code hunt} over the same files. */
class WatchTuningTest {

    private static final String EXCLUSION = "EXCH01 maintenance";

    /** Excludes every result on EXCH01.contoso.com: 3 on 2021-03-02 and 1 on 2021-03-04. */
    private static final String TUNING =
            """
            exclusions:
              - name: %s
                reason: The host is being rebuilt and logs UM errors while it is.
                owner: exchange-admins
                enabled: true
                where: Computer =~ "EXCH01.contoso.com"
            """
                    .formatted(EXCLUSION);

    @TempDir Path temp;

    @Test
    void tunedWatchMatchesTunedHunt() throws Exception {
        Path ruleFile = tunedRuleCopy();
        Path watched = temp.resolve("incoming");
        WatchTesting.copyArchiveWithClosingEvent(watched);
        Path huntOut = temp.resolve("hunt");
        assertThat(KqlHunt.execute(
                        "hunt", "--rule", ruleFile.getParent().toString(),
                        "--events", watched.toString(), "--out", huntOut.toString(),
                        "--parallelism", "2"))
                .isZero();

        Rule rule = RuleLoader.load(ruleFile);
        TuningFile tuning = TuningLoader.besideRule(ruleFile).orElseThrow();
        Path out = temp.resolve("watch");
        WatchRequest request =
                new WatchRequest(
                        List.of(rule), new WatchInput.Directory(watched, Duration.ofMillis(200)),
                        out, Duration.ofMinutes(30), Duration.ofSeconds(2), Duration.ofDays(7),
                        null, true, Map.of(rule.folder(), tuning));
        String excludedCounter = Tuning.counterName(rule.folder(), EXCLUSION);
        WatchRunner runner = WatchTesting.start(request, null);
        long excluded;
        try {
            WatchTesting.await("3 alerts", () -> WatchTesting.alerts(out).size() >= 3);
            WatchTesting.await("4 matches", () -> WatchTesting.matches(out).size() >= 4);
            // Accumulators reach the client with the TaskManager's heartbeats, so they lag.
            WatchTesting.await(
                    "the watermark past the 2021-03-04 window",
                    () -> WatchTesting.status(runner).watermark()
                            >= Instant.parse("2021-03-05T00:00:00Z").toEpochMilli());
            WatchTesting.await(
                    "4 excluded results in the counters",
                    () -> counter(runner, excludedCounter) >= 4);
            excluded = counter(runner, excludedCounter);
            runner.stopWithSavepoint();
            runner.awaitEnd(Duration.ofSeconds(30));
        } finally {
            if (!runner.hasEnded()) {
                runner.cancel();
            }
        }

        List<JsonNode> alerts = WatchTesting.bySystemAlertId(WatchTesting.alerts(out));
        assertThat(alerts)
                .isEqualTo(WatchTesting.bySystemAlertId(
                        HuntOutput.readParts(huntOut.resolve("alerts"))));
        assertThat(WatchTesting.sortedMatches(WatchTesting.matches(out)))
                .isEqualTo(WatchTesting.sortedMatches(HuntOutput.readParts(
                        huntOut.resolve("matches").resolve(rule.folder()))));

        // The 2021-03-04 window has only excluded results, so it raises no alert.
        String window0228 = windowAlertId(rule, "2021-02-28T00:00:00Z", "2021-03-01T00:00:00Z");
        String window0302 = windowAlertId(rule, "2021-03-02T00:00:00Z", "2021-03-03T00:00:00Z");
        String window0303 = windowAlertId(rule, "2021-03-03T00:00:00Z", "2021-03-04T00:00:00Z");
        assertThat(alerts)
                .extracting(alert -> alert.path("SystemAlertId").asText())
                .containsExactlyInAnyOrder(window0228, window0302, window0303);
        assertThat(count(alert(alerts, window0228))).isEqualTo("1");
        assertThat(count(alert(alerts, window0302))).isEqualTo("1");
        assertThat(count(alert(alerts, window0303))).isEqualTo("2");
        assertThat(excludedByTuning(alert(alerts, window0228))).isEmpty();
        assertThat(excludedByTuning(alert(alerts, window0302)))
                .isEqualTo("{\"" + EXCLUSION + "\":3}");
        assertThat(excludedByTuning(alert(alerts, window0303))).isEmpty();
        assertThat(WatchTesting.matches(out))
                .extracting(match -> match.path("Computer").asText())
                .hasSize(4)
                .containsOnly("EXCH02.contoso.com");
        assertThat(excluded).isEqualTo(4);
    }

    @Test
    void savepointWithoutTuningResumesTuned() throws Exception {
        Path ruleFile = tunedRuleCopy();
        Rule rule = RuleLoader.load(ruleFile);
        TuningFile tuning = TuningLoader.besideRule(ruleFile).orElseThrow();
        Path watched = Files.createDirectories(temp.resolve("incoming"));
        Path staging = Files.createDirectories(temp.resolve("staging"));
        Path out = temp.resolve("watch");
        WatchInput input = new WatchInput.Directory(watched, Duration.ofMillis(200));

        WatchRunner untuned = WatchTesting.start(request(rule, input, out, Map.of()), null);
        String savepoint;
        try {
            moveIn(staging, watched, "a.jsonl",
                    WatchTesting.matching("2021-03-02T10:00:00Z", "EXCH02.contoso.com"));
            WatchTesting.await("the first match", () -> WatchTesting.matches(out).size() >= 1);
            savepoint = untuned.stopWithSavepoint();
            untuned.awaitEnd(Duration.ofSeconds(30));
        } finally {
            if (!untuned.hasEnded()) {
                untuned.cancel();
            }
        }

        WatchRunner tuned =
                WatchTesting.start(
                        request(rule, input, out, Map.of(rule.folder(), tuning)), savepoint);
        try {
            moveIn(staging, watched, "b.jsonl",
                    WatchTesting.matching("2021-03-02T11:00:00Z", "EXCH01.contoso.com"),
                    WatchTesting.matching("2021-03-02T12:00:00Z", "EXCH02.contoso.com"));
            WatchTesting.await(
                    "the third record's match", () -> WatchTesting.matches(out).size() >= 2);
        } finally {
            tuned.cancel();
        }

        assertThat(WatchTesting.matchTimes(out))
                .containsExactly("2021-03-02T10:00:00.0000000Z", "2021-03-02T12:00:00.0000000Z");
    }

    private static WatchRequest request(
            Rule rule, WatchInput input, Path out, Map<String, TuningFile> tuning) {
        return new WatchRequest(
                List.of(rule), input, out, Duration.ofMinutes(30), Duration.ofSeconds(2),
                Duration.ofDays(7), null, true, tuning);
    }

    /** Writes a file outside the watched folder, then moves it in, so it is never read half. */
    private static void moveIn(Path staging, Path watched, String name, String... lines)
            throws Exception {
        Path file = Files.write(staging.resolve(name), List.of(lines));
        Files.move(file, watched.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Copies the bundled rule into a folder of the same name, beside {@link #TUNING}. */
    private Path tunedRuleCopy() throws Exception {
        Path folder = Files.createDirectories(temp.resolve(WatchTesting.rule().folder()));
        Path ruleFile = folder.resolve("rule.yaml");
        Files.copy(WatchTesting.RULE, ruleFile);
        Files.writeString(folder.resolve(TuningFile.FILE_NAME), TUNING);
        return ruleFile;
    }

    private static long counter(WatchRunner runner, String name) {
        try {
            Object value = runner.client().getAccumulators().get().get(name);
            return value instanceof Number number ? number.longValue() : 0L;
        } catch (Exception e) {
            throw new AssertionError("cannot read the job's counter " + name, e);
        }
    }

    private static JsonNode alert(List<JsonNode> alerts, String systemAlertId) {
        return alerts.stream()
                .filter(alert -> alert.path("SystemAlertId").asText().equals(systemAlertId))
                .findFirst()
                .orElseThrow();
    }

    private static String count(JsonNode alert) {
        return alert.path("ExtendedProperties").path("Search Query Results Overall Count")
                .asText();
    }

    private static String excludedByTuning(JsonNode alert) {
        return alert.path("ExtendedProperties").path("Excluded By Tuning").asText("");
    }

    private static String windowAlertId(Rule rule, String start, String end) {
        return Alert.systemAlertId(
                rule,
                new Schedule.Window(
                        Instant.parse(start).toEpochMilli(), Instant.parse(end).toEpochMilli()));
    }
}
