package dev.kqlhunt.backfill;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kqlhunt.alerts.Alert;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleLoader;
import dev.kqlhunt.rule.Schedule;
import dev.kqlhunt.testing.HuntOutput;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a two-day backfill process with SIGKILL after its first window is published, runs it
 * again and checks that the final output is the whole backfill, each alert once. Runs after
 * {@code package}, because the process runs from {@code target/classes} and {@code target/lib}.
 */
class BackfillKillIT {

    private static final Path RULE = Path.of("jobs/silk-typhoon-um-service-error");
    private static final String RULE_FOLDER = "silk-typhoon-um-service-error";
    private static final Path ARCHIVE = Path.of("test-data/archive");
    private static final long TIMEOUT_SECONDS = 120;
    private static final List<String> JAVA_OPENS =
            List.of(
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");

    @TempDir Path temp;

    @Test
    void killedBackfillResumesWithoutDuplicates() throws Exception {
        Path out = temp.resolve("out");
        Process first = start(out, "1");
        CompletableFuture<String> firstWindow = awaitLine(first, "[1/2] ");

        String line = firstWindow.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
        assertThat(first.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(line).contains("2021-03-02T00-00-00Z");
        List<String> finished = windowFolders(out);
        assertThat(finished).containsExactly("2021-03-02T00-00-00Z");
        for (String window : finished) {
            assertThat(out.resolve(RULE_FOLDER).resolve(window).resolve("summary.json"))
                    .isRegularFile();
        }

        Process second = start(out, "2");
        CompletableFuture<String> plan = awaitLine(second, RULE_FOLDER + ": 2 windows");
        assertThat(second.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(second.exitValue()).isZero();
        assertThat(plan.get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .contains("1 already finished, 0 gaps, 1 to evaluate");
        assertThat(windowFolders(out))
                .containsExactly("2021-03-02T00-00-00Z", "2021-03-03T00-00-00Z");
        assertFinalOutput(out);
    }

    private static void assertFinalOutput(Path out) throws IOException {
        Rule rule = RuleLoader.load(RULE.resolve("rule.yaml"));
        List<JsonNode> alerts = new ArrayList<>();
        List<JsonNode> matches = new ArrayList<>();
        for (String window : windowFolders(out)) {
            Path folder = out.resolve(RULE_FOLDER).resolve(window);
            alerts.addAll(HuntOutput.readParts(folder.resolve("alerts")));
            matches.addAll(HuntOutput.readParts(folder.resolve("matches")));
        }
        List<JsonNode> expectedAlerts =
                HuntOutput.readLines(Path.of("test-data/expected/alerts.jsonl"));
        assertThat(alerts.stream().map(HuntOutput::alertSummary).toList())
                .containsExactly(expectedAlerts.get(1), expectedAlerts.get(2));
        assertThat(alerts.stream().map(alert -> alert.path("SystemAlertId").asText()).toList())
                .containsExactly(alertId(rule, "2021-03-02"), alertId(rule, "2021-03-03"));
        assertThat(matches)
                .isEqualTo(
                        HuntOutput.readLines(Path.of("test-data/expected/matches.jsonl")).stream()
                                .filter(row -> row.path("TimeGenerated").asText()
                                        .startsWith("2021-03-02")
                                        || row.path("TimeGenerated").asText()
                                                .startsWith("2021-03-03"))
                                .toList());
        try (Stream<Path> staged = Files.list(out.resolve(".staging"))) {
            assertThat(staged).isEmpty();
        }
    }

    private static String alertId(Rule rule, String day) {
        Instant start = Instant.parse(day + "T00:00:00Z");
        return Alert.systemAlertId(
                rule,
                new Schedule.Window(
                        start.toEpochMilli(), start.plusSeconds(86_400).toEpochMilli()));
    }

    private static Process start(Path out, String windowsPerJob) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_OPENS);
        command.add("-Dlog4j.configurationFile=conf/log4j-cli.properties");
        // As the kql-hunt launcher does: the CLI then exits with its status, where a Flink source
        // thread that outlives the job would otherwise keep the JVM running.
        command.add("-Dkqlhunt.launcher=true");
        command.add("-cp");
        command.add("target/classes" + File.pathSeparator + "target/lib/*");
        command.add("dev.kqlhunt.cli.KqlHunt");
        command.addAll(
                List.of(
                        "backfill",
                        "--rule", RULE.toString(),
                        "--events", ARCHIVE.toString(),
                        "--out", out.toString(),
                        "--from", "2021-03-02",
                        "--to", "2021-03-03",
                        "--windows-per-job", windowsPerJob,
                        "--parallelism", "2"));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /**
     * Reads the process's standard output on another thread and completes with the first line
     * that starts with {@code prefix}, then keeps reading so the process never blocks on a full
     * pipe.
     */
    private static CompletableFuture<String> awaitLine(Process process, String prefix) {
        CompletableFuture<String> found = new CompletableFuture<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader lines =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = lines.readLine()) != null) {
                                    if (line.startsWith(prefix)) {
                                        found.complete(line);
                                    }
                                }
                                found.completeExceptionally(
                                        new AssertionError("no line starting with " + prefix));
                            } catch (IOException e) {
                                found.completeExceptionally(e);
                            }
                        },
                        "backfill-output");
        reader.setDaemon(true);
        reader.start();
        return found;
    }

    private static List<String> windowFolders(Path out) throws IOException {
        Path rule = out.resolve(RULE_FOLDER);
        if (!Files.isDirectory(rule)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(rule)) {
            return entries.filter(Files::isDirectory)
                    .map(path -> path.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }
}
