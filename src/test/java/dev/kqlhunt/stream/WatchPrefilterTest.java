package dev.kqlhunt.stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kqlhunt.testing.HuntOutput;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code watch} with and without the prefilter over the same folder of export files. */
class WatchPrefilterTest {

    /** Records in test-data/archive, plus the closing event. */
    private static final long RECORDS = 879 + 1;

    /** The closing event's time minus the 30 minute delay, minus 1 ms. */
    private static final long WATERMARK = Instant.parse("2021-03-05T00:30:00Z").toEpochMilli() - 1;

    @TempDir Path temp;

    /** The result of one watch run: its outputs and its final counters. */
    private record Run(
            List<JsonNode> matches, List<JsonNode> alerts, List<JsonNode> rejected,
            WatchStatus status) {}

    @Test
    void prefilterKeepsMatchesAndAlerts() throws Exception {
        Path watched = temp.resolve("incoming");
        WatchTesting.copyTree(Path.of("test-data/archive"), watched);
        // A record that no rule can match, whose time alone closes the archive's last window:
        // with the prefilter, the watermark must still advance on it.
        Path closing = Files.createDirectories(watched.resolve("y=2021/m=03/d=05/h=02/m=00"));
        Files.write(closing.resolve("PT05M.json"),
                List.of("{\"TimeGenerated\": \"2021-03-05T01:00:00Z\", \"EventLog\": \"System\"}"));

        Run filtered = run(watched, temp.resolve("filtered"), true);
        Run unfiltered = run(watched, temp.resolve("unfiltered"), false);

        assertThat(WatchTesting.sortedMatches(filtered.matches()))
                .isEqualTo(WatchTesting.sortedMatches(unfiltered.matches()));
        assertThat(WatchTesting.bySystemAlertId(filtered.alerts()))
                .isEqualTo(WatchTesting.bySystemAlertId(unfiltered.alerts()));
        assertThat(filtered.alerts().stream()
                        .map(HuntOutput::alertSummary)
                        .sorted(Comparator.comparing(alert -> alert.path("WindowStart").asText()))
                        .toList())
                .isEqualTo(HuntOutput.readLines(Path.of("test-data/expected/alerts.jsonl")));
        assertThat(filtered.rejected()).hasSize(2);
        assertThat(unfiltered.rejected()).hasSize(2);
        assertThat(filtered.status().recordsRead()).isEqualTo(RECORDS);
        assertThat(unfiltered.status().recordsRead()).isEqualTo(RECORDS);
        assertThat(filtered.status().skipped()).isGreaterThan(RECORDS / 2);
        assertThat(unfiltered.status().skipped()).isZero();
        assertThat(filtered.status().matches()).isEqualTo(8);
        assertThat(unfiltered.status().matches()).isEqualTo(8);
        assertThat(filtered.status().late()).isZero();
        assertThat(unfiltered.status().late()).isZero();
        assertThat(filtered.status().rejected()).isEqualTo(2);
        assertThat(unfiltered.status().rejected()).isEqualTo(2);
        assertThat(filtered.status().watermark()).isEqualTo(WATERMARK);
        assertThat(unfiltered.status().watermark()).isEqualTo(WATERMARK);
    }

    private static Run run(Path watched, Path out, boolean prefilter) throws Exception {
        WatchRequest plain =
                WatchTesting.request(
                        new WatchInput.Directory(watched, Duration.ofMillis(200)),
                        out,
                        Duration.ofMinutes(30));
        WatchRequest request =
                new WatchRequest(
                        plain.rules(), plain.input(), out, plain.maxDelay(), plain.idleTimeout(),
                        plain.lateRetention(), null, prefilter);
        WatchRunner runner = WatchTesting.start(request, null);
        try {
            WatchTesting.await("4 alerts", () -> WatchTesting.alerts(out).size() >= 4);
            WatchTesting.await("8 matches", () -> WatchTesting.matches(out).size() >= 8);
            WatchTesting.await("2 rejected lines",
                    () -> HuntOutput.readParts(out.resolve("rejected")).size() >= 2);
            // Accumulators reach the client with the TaskManager's heartbeats, so they lag.
            WatchTesting.await(
                    "every record in the counters",
                    () -> WatchTesting.status(runner).recordsRead() >= RECORDS);
            WatchTesting.await(
                    "the closing watermark in the counters",
                    () -> WatchTesting.status(runner).watermark() >= WATERMARK);
            WatchStatus status = runner.status();
            return new Run(
                    WatchTesting.matches(out), WatchTesting.alerts(out),
                    HuntOutput.readParts(out.resolve("rejected")), status);
        } finally {
            runner.cancel();
        }
    }
}
