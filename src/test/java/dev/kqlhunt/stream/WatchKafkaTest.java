package dev.kqlhunt.stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kqlhunt.alerts.Alert;
import dev.kqlhunt.cli.KqlHunt;
import dev.kqlhunt.rule.Schedule;
import dev.kqlhunt.testing.HuntOutput;
import dev.kqlhunt.testing.KafkaBroker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code watch} over a real Kafka broker: the bundled archive, late and idle input, restarts. */
class WatchKafkaTest {

    @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

    @TempDir Path temp;

    private WatchInput.Kafka topic(String name) {
        return new WatchInput.Kafka(
                KAFKA.bootstrapServers(), name, "test-" + name, WatchInput.StartOffsets.EARLIEST,
                new Properties());
    }

    @Test
    void archiveReplayEqualsBatchHunt() throws Exception {
        KAFKA.createTopic("archive", 2);
        KAFKA.createTopic("archive-alerts", 1);
        List<Path> files = archiveFiles();
        long sent = 0;
        for (int i = 0; i < files.size(); i++) {
            List<String> lines = lines(files.get(i));
            KAFKA.send("archive", i % 2, lines);
            sent += lines.size();
        }
        // Moves event time past the last window's end, so the watermark closes it.
        String closing = WatchTesting.other("2021-03-06T01:00:00Z");
        KAFKA.send("archive", 0, List.of(closing));
        KAFKA.send("archive", 1, List.of(closing));
        Path batchOut = temp.resolve("batch");
        assertThat(KqlHunt.execute(
                        "hunt", "--rule", WatchTesting.RULE.toString(),
                        "--events", "test-data/archive", "--out", batchOut.toString(),
                        "--parallelism", "2"))
                .isZero();
        Path out = temp.resolve("watch");
        WatchRequest plain = WatchTesting.request(topic("archive"), out, Duration.ofMinutes(30));
        WatchRequest request =
                new WatchRequest(
                        plain.rules(), plain.input(), out, plain.maxDelay(), plain.idleTimeout(),
                        plain.lateRetention(),
                        new WatchRequest.AlertsTopic(
                                KAFKA.bootstrapServers(), "archive-alerts", new Properties(),
                                true, "kql-hunt-test-archive"));

        WatchRunner runner = WatchTesting.start(request, null);
        try {
            WatchTesting.await("4 alerts", () -> WatchTesting.alerts(out).size() >= 4);
            WatchTesting.await("8 matches", () -> WatchTesting.matches(out).size() >= 8);
            WatchTesting.await(
                    "4 alerts in Kafka", () -> KAFKA.readCommitted("archive-alerts").size() >= 4);
            // Accumulators reach the client with the TaskManager's heartbeats, so they lag.
            WatchTesting.await("2 rejected in the counters", () -> WatchTesting.status(runner).rejected() >= 2);
            WatchStatus status = runner.status();

            assertThat(WatchTesting.bySystemAlertId(WatchTesting.alerts(out)))
                    .isEqualTo(WatchTesting.bySystemAlertId(HuntOutput.readParts(batchOut.resolve("alerts"))));
            assertThat(WatchTesting.sortedMatches(WatchTesting.matches(out)))
                    .isEqualTo(
                            WatchTesting.sortedMatches(
                                    HuntOutput.readLines(
                                            Path.of("test-data/expected/matches.jsonl"))));
            assertThat(KAFKA.readCommitted("archive-alerts").stream()
                            .map(WatchKafkaTest::parse).toList())
                    .containsExactlyInAnyOrderElementsOf(WatchTesting.alerts(out));
            List<JsonNode> rejected = HuntOutput.readParts(out.resolve("rejected"));
            assertThat(rejected).hasSize(2);
            assertThat(rejected).allSatisfy(
                    line -> assertThat(line.path("file").asText()).startsWith("kafka:archive/"));
            assertThat(status.late()).isZero();
            assertThat(status.rejected()).isEqualTo(2);
            assertThat(status.recordsRead()).isEqualTo(sent + 2);
        } finally {
            runner.cancel();
        }
    }

    @Test
    void lateEventAmendsClosedWindowWithSilentPartition() throws Exception {
        KAFKA.createTopic("late", 2);
        Path out = temp.resolve("late");
        // Partition 1 stays silent: only the idle timeout lets the watermark advance.
        WatchRunner runner =
                WatchTesting.start(
                        WatchTesting.request(topic("late"), out, Duration.ofMinutes(10)), null);
        try {
            KAFKA.send(
                    "late",
                    0,
                    List.of(
                            WatchTesting.matching("2021-03-02T10:00:00Z"),
                            // Out of order, but within the 10 minute delay.
                            WatchTesting.matching("2021-03-02T09:55:00Z"),
                            // Closes 03-02; 03-03 and 03-04 have no Event rows at all.
                            WatchTesting.other("2021-03-03T00:20:00Z"),
                            WatchTesting.other("2021-03-05T00:30:00Z")));
            WatchTesting.await("the 03-02 alert", () -> WatchTesting.alerts(out).size() >= 1);
            KAFKA.send("late", 0, List.of(WatchTesting.matching("2021-03-02T15:00:00Z")));
            WatchTesting.await("the amended alert", () -> WatchTesting.alerts(out).size() >= 2);
            WatchTesting.await("3 matches", () -> WatchTesting.matches(out).size() >= 3);
            WatchTesting.await("2 alerts in the counters", () -> WatchTesting.status(runner).alerts() >= 2);
            WatchStatus status = runner.status();

            List<JsonNode> alerts = new ArrayList<>(WatchTesting.alerts(out));
            alerts.sort(Comparator.comparing(a -> a.path("ExtendedProperties")
                    .path("Search Query Results Overall Count").asText()));
            assertThat(alerts).hasSize(2);
            String windowId =
                    Alert.systemAlertId(
                            WatchTesting.rule(),
                            new Schedule.Window(
                                    Instant.parse("2021-03-02T00:00:00Z").toEpochMilli(),
                                    Instant.parse("2021-03-03T00:00:00Z").toEpochMilli()));
            JsonNode first = alerts.get(0);
            assertThat(first.path("SystemAlertId").asText()).isEqualTo(windowId);
            assertThat(first.path("ExtendedProperties").path("Search Query Results Overall Count")
                            .asText()).isEqualTo("2");
            assertThat(first.path("StartTime").asText()).isEqualTo("2021-03-02T09:55:00.0000000Z");
            assertThat(first.path("ExtendedProperties").has(AlertRevisionJson.REVISION)).isFalse();
            JsonNode amended = alerts.get(1);
            assertThat(amended.path("SystemAlertId").asText())
                    .isEqualTo(AlertRevision.systemAlertId(windowId, 1));
            assertThat(amended.path("ExtendedProperties").path(AlertRevisionJson.REVISION).asText())
                    .isEqualTo("1");
            assertThat(amended.path("ExtendedProperties").path(AlertRevisionJson.AMENDS).asText())
                    .isEqualTo(windowId);
            assertThat(amended.path("ExtendedProperties")
                            .path("Search Query Results Overall Count").asText()).isEqualTo("3");
            assertThat(amended.path("EndTime").asText()).isEqualTo("2021-03-02T15:00:00.0000000Z");
            assertThat(WatchTesting.matchTimes(out))
                    .containsExactly(
                            "2021-03-02T09:55:00.0000000Z", "2021-03-02T10:00:00.0000000Z",
                            "2021-03-02T15:00:00.0000000Z");
            assertThat(status.late()).isEqualTo(1);
            assertThat(status.alerts()).isEqualTo(2);
            assertThat(status.watermark())
                    .isEqualTo(Instant.parse("2021-03-05T00:20:00Z").toEpochMilli() - 1);
        } finally {
            runner.cancel();
        }
    }

    @Test
    void restartFromCheckpointKeepsEveryMatchOnce() throws Exception {
        KAFKA.createTopic("restart", 1);
        Path out = temp.resolve("restart");
        WatchRequest request = WatchTesting.request(topic("restart"), out, Duration.ofMinutes(10));
        WatchRunner first = WatchTesting.start(request, null);
        KAFKA.send("restart", 0, matchingMinutes(0, 20));
        WatchTesting.await("the first committed matches", () -> !WatchTesting.matches(out).isEmpty());
        // Input keeps arriving while the job is killed.
        Thread producer = new Thread(() -> KAFKA.send("restart", 0, matchingMinutes(20, 40)));
        producer.start();
        first.cancel();
        first.awaitEnd(Duration.ofSeconds(30));
        producer.join();

        String checkpoint =
                RetainedCheckpoints.latest(out.resolve("checkpoints")).orElseThrow().toString();
        WatchRunner second = WatchTesting.start(request, checkpoint);
        try {
            KAFKA.send("restart", 0, matchingMinutes(40, 60));
            KAFKA.send("restart", 0, List.of(WatchTesting.other("2021-03-03T01:00:00Z")));
            WatchTesting.await("the 03-02 alert", () -> WatchTesting.alerts(out).size() >= 1);
            WatchTesting.await("60 matches", () -> WatchTesting.matches(out).size() >= 60);

            List<String> times = WatchTesting.matchTimes(out);
            assertThat(times).hasSize(60);
            assertThat(times).doesNotHaveDuplicates();
            List<JsonNode> alerts = WatchTesting.alerts(out);
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).path("ExtendedProperties")
                            .path("Search Query Results Overall Count").asText()).isEqualTo("60");
        } finally {
            second.cancel();
        }
    }

    /** Matching events on 2021-03-02 at 10:mm for each minute in [from, to). */
    private static List<String> matchingMinutes(int from, int to) {
        List<String> events = new ArrayList<>();
        for (int minute = from; minute < to; minute++) {
            events.add(WatchTesting.matching(String.format(
                    "2021-03-02T10:%02d:00Z", minute)));
        }
        return events;
    }

    private static List<Path> archiveFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("test-data/archive"))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) {
            in = new GZIPInputStream(in);
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    private static JsonNode parse(String json) {
        try {
            return HuntOutput.normalize(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json));
        } catch (IOException e) {
            throw new AssertionError("invalid JSON: " + json, e);
        }
    }
}
