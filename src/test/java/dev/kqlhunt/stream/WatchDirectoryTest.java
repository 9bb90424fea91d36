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

    /** Writes a file outside the watched tree, then moves it in, so it is never read half. */
    private static void moveIn(Path staging, Path target, String name, List<String> lines)
            throws Exception {
        Path file = Files.write(staging.resolve(name), lines);
        Files.createDirectories(target);
        Files.move(file, target.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
