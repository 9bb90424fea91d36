package dev.kqlhunt.stream;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kqlhunt.job.LocalFlink;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleLoader;
import dev.kqlhunt.testing.HuntOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Events, jobs and output checks shared by the {@code watch} tests. */
final class WatchTesting {

    static final Path RULE = Path.of("jobs/silk-typhoon-um-service-error/rule.yaml");
    static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(500);
    static final Duration RESULT_TIMEOUT = Duration.ofSeconds(90);

    private static final ObjectMapper JSON = new ObjectMapper();

    private WatchTesting() {}

    static Rule rule() {
        return RuleLoader.load(RULE);
    }

    /**
     * Returns an Event export record that the rule matches (a UM worker process exception on
     * EXCH01), at {@code timeGenerated}.
     */
    static String matching(String timeGenerated) {
        return event(timeGenerated, "Application");
    }

    /** Returns an Event export record that the rule matches, from {@code computer}. */
    static String matching(String timeGenerated, String computer) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(matching(timeGenerated));
            event.put("Computer", computer);
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns an Event export record from the System log, which the rule never matches. */
    static String other(String timeGenerated) {
        return event(timeGenerated, "System");
    }

    private static String event(String timeGenerated, String eventLog) {
        try {
            String line = Files.readAllLines(Path.of("test-data/expected/matches.jsonl")).get(1);
            ObjectNode event = (ObjectNode) JSON.readTree(line);
            event.remove("HostName");
            event.remove("HostNameDomain");
            event.put("TimeGenerated", timeGenerated);
            event.put("EventLog", eventLog);
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a watch job in its own local mini-cluster with short checkpoints. */
    static WatchRunner start(WatchRequest request, String restorePath) throws Exception {
        Configuration config =
                WatchConfiguration.of(
                        null,
                        CHECKPOINT_INTERVAL,
                        request.out().resolve("checkpoints"),
                        request.out().resolve("savepoints"),
                        restorePath);
        // Accumulators reach the client with each heartbeat: every second, not every 10 s.
        config.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = LocalFlink.environment(config, false, 0, 2);
        return WatchRunner.start(env, request, request.out().resolve("savepoints"));
    }

    static WatchRequest request(WatchInput input, Path out, Duration maxDelay) {
        return new WatchRequest(
                List.of(rule()), input, out, maxDelay, Duration.ofSeconds(2), Duration.ofDays(7),
                null);
    }

    /** Polls {@code condition} until it holds, failing with {@code what} at the deadline. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + RESULT_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + RESULT_TIMEOUT + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** Returns the job's counters, failing the test if they cannot be read. */
    static WatchStatus status(WatchRunner runner) {
        try {
            return runner.status();
        } catch (Exception e) {
            throw new AssertionError("cannot read the job's counters", e);
        }
    }

    static List<JsonNode> matches(Path out) {
        return HuntOutput.readParts(out.resolve("matches").resolve(rule().folder()));
    }

    static List<JsonNode> alerts(Path out) {
        return HuntOutput.readParts(out.resolve("alerts"));
    }

    static List<String> matchTimes(Path out) {
        return matches(out).stream().map(m -> m.path("TimeGenerated").asText()).sorted().toList();
    }

    static List<JsonNode> sortedMatches(List<JsonNode> matches) {
        return matches.stream()
                .sorted(Comparator.comparing((JsonNode m) -> m.path("TimeGenerated").asText())
                        .thenComparing(m -> m.path("Computer").asText()))
                .toList();
    }

    static List<JsonNode> bySystemAlertId(List<JsonNode> alerts) {
        return alerts.stream()
                .sorted(Comparator.comparing(a -> a.path("SystemAlertId").asText()))
                .toList();
    }

    /**
     * Copies the bundled archive to {@code watched}, with a later event that moves the watermark
     * past the archive's last window, 2021-03-04.
     */
    static void copyArchiveWithClosingEvent(Path watched) throws IOException {
        copyTree(Path.of("test-data/archive"), watched);
        Path closing = Files.createDirectories(watched.resolve("y=2021/m=03/d=05/h=02/m=00"));
        Files.write(closing.resolve("PT05M.json"), List.of(other("2021-03-05T01:00:00Z")));
    }

    /** Copies the files and folders under {@code from} to {@code to}. */
    static void copyTree(Path from, Path to) throws IOException {
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
}
