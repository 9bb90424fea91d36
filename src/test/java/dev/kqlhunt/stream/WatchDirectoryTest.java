package dev.kqlhunt.stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kqlhunt.alerts.Alert;
import dev.kqlhunt.rule.Schedule;
import dev.kqlhunt.testing.HuntOutput;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code watch} over a directory that receives export files while the job runs. */
class WatchDirectoryTest {

    @TempDir Path temp;

    @Test
    void filesMovedInAreReadOnce() throws Exception {
        Path watched = Files.createDirectories(temp.resolve("incoming"));
        Path staging = Files.createDirectories(temp.resolve("staging"));
        Path out = temp.resolve("out");
        WatchRequest request =
                WatchTesting.request(
                        new WatchInput.Directory(watched, Duration.ofMillis(200)),
                        out,
                        Duration.ofMinutes(10));
        WatchRunner runner = WatchTesting.start(request, null);
        try {
            moveIn(staging, watched, "PT05M.json",
                    List.of(
                            WatchTesting.matching("2021-03-02T10:00:00Z"),
                            WatchTesting.other("2021-03-02T10:01:00Z"),
                            "{not json"));
            WatchTesting.await("the first match", () -> WatchTesting.matches(out).size() >= 1);
            moveIn(staging, watched.resolve("later"), "PT05M.json",
                    List.of(
                            WatchTesting.matching("2021-03-02T11:00:00Z"),
                            WatchTesting.other("2021-03-03T00:30:00Z")));
            WatchTesting.await("the 03-02 alert", () -> WatchTesting.alerts(out).size() >= 1);
            String savepoint = runner.stopWithSavepoint();
            runner.awaitEnd(Duration.ofSeconds(30));

            assertThat(WatchTesting.matchTimes(out))
                    .containsExactly("2021-03-02T10:00:00.0000000Z", "2021-03-02T11:00:00.0000000Z");
            List<JsonNode> alerts = WatchTesting.alerts(out);
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).path("ExtendedProperties")
                            .path("Search Query Results Overall Count").asText()).isEqualTo("2");
            List<JsonNode> rejected =
                    dev.kqlhunt.testing.HuntOutput.readParts(out.resolve("rejected"));
            assertThat(rejected).hasSize(1);
            assertThat(rejected.get(0).path("line").asLong()).isEqualTo(3);
            assertThat(Path.of(java.net.URI.create(savepoint)).resolve("_metadata"))
                    .isRegularFile();
        } finally {
            if (!runner.hasEnded()) {
                runner.cancel();
            }
        }
    }

    @Test
    void backlogReadInTimeOrder() throws Exception {
        Path watched = temp.resolve("incoming");
        WatchTesting.copyArchiveWithClosingEvent(watched);
        Path out = temp.resolve("out");
        WatchRequest request =
                WatchTesting.request(
                        new WatchInput.Directory(watched, Duration.ofMillis(200)),
                        out,
                        Duration.ofMinutes(30));

        WatchRunner runner = WatchTesting.start(request, null);
        try {
            WatchTesting.await("4 alerts", () -> WatchTesting.alerts(out).size() >= 4);
            WatchTesting.await("8 matches", () -> WatchTesting.matches(out).size() >= 8);
            // Accumulators reach the client with the TaskManager's heartbeats, so they lag.
            WatchTesting.await(
                    "every record in the counters",
                    () -> WatchTesting.status(runner).recordsRead() >= 880);
            WatchStatus status = runner.status();

            assertThat(WatchTesting.alerts(out).stream()
                            .map(dev.kqlhunt.testing.HuntOutput::alertSummary)
                            .sorted(java.util.Comparator.comparing(
                                    alert -> alert.path("WindowStart").asText()))
                            .toList())
                    .isEqualTo(dev.kqlhunt.testing.HuntOutput.readLines(
                            Path.of("test-data/expected/alerts.jsonl")));
            assertThat(status.late()).isZero();
            assertThat(status.matches()).isEqualTo(8);
        } finally {
            runner.cancel();
        }
    }

    @Test
    void lateResultAfterResumeAmendsAlert() throws Exception {
        Path watched = Files.createDirectories(temp.resolve("incoming"));
        Path staging = Files.createDirectories(temp.resolve("staging"));
        Path out = temp.resolve("out");
        WatchRequest plain =
                WatchTesting.request(
                        new WatchInput.Directory(watched, Duration.ofMillis(200)),
                        out,
                        Duration.ofMinutes(10));
        // After the resume, the source subtask that reads no file keeps the watermark back for
        // this long, so the late result reaches the alert windows before any watermark does.
        WatchRequest request =
                new WatchRequest(
                        plain.rules(), plain.input(), out, plain.maxDelay(), Duration.ofSeconds(5),
                        plain.lateRetention(), null);
        WatchRunner first = WatchTesting.start(request, null);
        String savepoint;
        try {
            moveIn(staging, watched.resolve("a"), "PT05M.json",
                    List.of(
                            WatchTesting.matching("2021-03-02T10:00:00Z"),
                            WatchTesting.matching("2021-03-03T05:00:00Z"),
                            WatchTesting.matching("2021-03-04T10:00:00Z")));
            WatchTesting.await(
                    "the 03-02 and 03-03 alerts", () -> WatchTesting.alerts(out).size() >= 2);
            savepoint = first.stopWithSavepoint();
            first.awaitEnd(Duration.ofSeconds(30));
        } finally {
            if (!first.hasEnded()) {
                first.cancel();
            }
        }
        assertThat(WatchTesting.alerts(out)).hasSize(2);
        moveIn(staging, watched.resolve("b"), "PT05M.json",
                List.of(
                        WatchTesting.matching(
                                "2021-03-03T06:00:00Z", "after-resume-late.contoso.com"),
                        WatchTesting.other("2021-03-05T01:00:00Z")));

        WatchRunner second = WatchTesting.start(request, savepoint);
        try {
            WatchTesting.await(
                    "the amended 03-03 alert and the 03-04 alert",
                    () -> WatchTesting.alerts(out).size() >= 4);
            WatchTesting.await(
                    "2 alerts in the counters", () -> WatchTesting.status(second).alerts() >= 2);
            WatchStatus status = second.status();

            String windowId = windowAlertId("2021-03-03T00:00:00Z", "2021-03-04T00:00:00Z");
            String amendedId = AlertRevision.systemAlertId(windowId, 1);
            List<JsonNode> alerts = WatchTesting.alerts(out);
            assertThat(alerts.stream().map(alert -> alert.path("SystemAlertId").asText()))
                    .containsExactlyInAnyOrder(
                            windowAlertId("2021-03-02T00:00:00Z", "2021-03-03T00:00:00Z"),
                            windowId,
                            amendedId,
                            windowAlertId("2021-03-04T00:00:00Z", "2021-03-05T00:00:00Z"));
            JsonNode amended =
                    alerts.stream()
                            .filter(alert -> alert.path("SystemAlertId").asText().equals(amendedId))
                            .findFirst()
                            .orElseThrow();
            JsonNode properties = amended.path("ExtendedProperties");
            assertThat(properties.path(AlertRevisionJson.REVISION).asText()).isEqualTo("1");
            assertThat(properties.path(AlertRevisionJson.AMENDS).asText()).isEqualTo(windowId);
            assertThat(properties.path("Search Query Results Overall Count").asText())
                    .isEqualTo("2");
            assertThat(amended.path("StartTime").asText())
                    .isEqualTo("2021-03-03T05:00:00.0000000Z");
            assertThat(amended.path("EndTime").asText())
                    .isEqualTo("2021-03-03T06:00:00.0000000Z");
            assertThat(HuntOutput.alertSummary(amended).path("Hosts").findValuesAsText("FullName"))
                    .containsExactlyInAnyOrder(
                            "EXCH01.contoso.com", "after-resume-late.contoso.com");
            assertThat(WatchTesting.matchTimes(out))
                    .containsExactly(
                            "2021-03-02T10:00:00.0000000Z",
                            "2021-03-03T05:00:00.0000000Z",
                            "2021-03-03T06:00:00.0000000Z",
                            "2021-03-04T10:00:00.0000000Z");
            // The counters start from zero after a restore.
            assertThat(status.alerts()).isEqualTo(2);
            assertThat(status.late()).isEqualTo(1);
        } finally {
            second.cancel();
        }
    }

    private static String windowAlertId(String start, String end) {
        return Alert.systemAlertId(
                WatchTesting.rule(),
                new Schedule.Window(
                        Instant.parse(start).toEpochMilli(), Instant.parse(end).toEpochMilli()));
    }

    /** Writes a file outside the watched tree, then moves it in, so it is never read half. */
    private static void moveIn(Path staging, Path target, String name, List<String> lines)
            throws Exception {
        Path file = Files.write(staging.resolve(name), lines);
        Files.createDirectories(target);
        Files.move(file, target.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
