package dev.kqlhunt.stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
    void backlogIsReadInTimeOrderWithoutLateResults() throws Exception {
        Path watched = temp.resolve("incoming");
        copyTree(Path.of("test-data/archive"), watched);
        // A later event moves the watermark past the archive's last window.
        Path closing = Files.createDirectories(watched.resolve("y=2021/m=03/d=05/h=02/m=00"));
        Files.write(closing.resolve("PT05M.json"),
                List.of(WatchTesting.other("2021-03-05T01:00:00Z")));
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

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /** Writes a file outside the watched tree, then moves it in, so it is never read half. */
    private static void moveIn(Path staging, Path target, String name, List<String> lines)
            throws Exception {
        Path file = Files.write(staging.resolve(name), lines);
        Files.createDirectories(target);
        Files.move(file, target.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
