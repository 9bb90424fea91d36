package dev.kqlhunt.cli;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kqlhunt.testing.HuntOutput;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code kql-hunt hunt} in-process over the bundled archives. */
class HuntCommandTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Path RULE = Path.of("jobs/silk-typhoon-um-service-error");
    private static final Path EXPECTED = Path.of("test-data/expected");

    @TempDir Path temp;

    @Test
    void bundledArchiveGivesExpectedResultsAndAlerts() throws IOException {
        Path out = temp.resolve("out");

        // Every line is parsed, so that the expected rejections are all found.
        int status = KqlHunt.execute("hunt", "--out", out.toString(), "--no-prefilter");

        assertThat(status).isZero();
        assertThat(HuntOutput.readParts(out.resolve("matches").resolve(RULE.getFileName())))
                .containsExactlyElementsOf(HuntOutput.readLines(EXPECTED.resolve("matches.jsonl")));
        assertThat(alertSummaries(out))
                .containsExactlyElementsOf(HuntOutput.readLines(EXPECTED.resolve("alerts.jsonl")));
        List<JsonNode> rejected =
                HuntOutput.readParts(out.resolve("rejected")).stream()
                        .sorted(Comparator.comparing((JsonNode r) -> r.path("file").asText())
                                .thenComparing(r -> r.path("line").asLong()))
                        .toList();
        List<JsonNode> expectedRejected = HuntOutput.readLines(EXPECTED.resolve("rejected.jsonl"));
        assertThat(rejected).hasSameSizeAs(expectedRejected);
        for (int i = 0; i < rejected.size(); i++) {
            assertThat(rejected.get(i).path("file").asText())
                    .endsWith(expectedRejected.get(i).path("file").asText());
            assertThat(rejected.get(i).path("line").asLong())
                    .isEqualTo(expectedRejected.get(i).path("line").asLong());
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("recordsRead").asLong()).isEqualTo(899);
        assertThat(summary.path("rowsEvaluated").asLong()).isEqualTo(897);
        assertThat(summary.path("rejected").asLong()).isEqualTo(2);
        assertThat(summary.path("rules").get(0).path("matches").asLong()).isEqualTo(8);
        assertThat(summary.path("rules").get(0).path("alerts").asLong()).isEqualTo(4);
    }

    @Test
    void realPortalExportParsesAndDoesNotMatch() throws IOException {
        Path out = temp.resolve("portal");

        int status =
                KqlHunt.execute(
                        "hunt",
                        "--events", "test-data/real-event-export",
                        "--out", out.toString(),
                        "--no-prefilter");

        assertThat(status).isZero();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("recordsRead").asLong()).isEqualTo(20);
        assertThat(summary.path("rowsEvaluated").asLong()).isEqualTo(20);
        assertThat(summary.path("rejected").asLong()).isZero();
        assertThat(summary.path("rules").get(0).path("matches").asLong()).isZero();
        assertThat(HuntOutput.readParts(out.resolve("alerts"))).isEmpty();
    }

    @Test
    void fromAndToNarrowTheHuntToWholeUtcDays() throws IOException {
        Path out = temp.resolve("narrow");

        int status =
                KqlHunt.execute(
                        "hunt",
                        "--events", "test-data/archive",
                        "--from", "2021-03-02",
                        "--to", "2021-03-03",
                        "--out", out.toString());

        assertThat(status).isZero();
        List<JsonNode> expected =
                HuntOutput.readLines(EXPECTED.resolve("alerts.jsonl")).stream()
                        .filter(alert -> alert.path("WindowStart").asText()
                                .matches("2021-03-0[23].*"))
                        .toList();
        assertThat(alertSummaries(out)).containsExactlyElementsOf(expected);
    }

    @Test
    void nonEmptyOutputFolderNeedsOverwrite() throws IOException {
        Path out = temp.resolve("taken");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "keep me");
        String[] hunt = {"hunt", "--events", "test-data/real-event-export", "--out", out.toString()};

        String error = captureErr(() -> assertThat(KqlHunt.execute(hunt)).isEqualTo(2));

        assertThat(error).contains("output folder " + out + " is not empty");
        String[] overwrite = {
            "hunt", "--events", "test-data/real-event-export", "--out", out.toString(),
            "--overwrite"
        };
        assertThat(KqlHunt.execute(overwrite)).isZero();
        assertThat(out.resolve("notes.txt")).hasContent("keep me");
        assertThat(KqlHunt.execute(overwrite)).isZero();
        assertThat(out.resolve("summary.json")).exists();
    }

    @Test
    void unsupportedKqlFailsBeforeTheJobWithPosition() throws IOException {
        Path folder = temp.resolve("jobs").resolve("bad-rule");
        Files.createDirectories(folder);
        String rule =
                Files.readString(RULE.resolve("rule.yaml"))
                        .replace(
                                "| where Source startswith \"MSExchange\"",
                                "| where Source has \"MSExchange\"");
        Files.writeString(folder.resolve("rule.yaml"), rule);
        Path out = temp.resolve("never-written");

        String error =
                captureErr(
                        () ->
                                assertThat(
                                                KqlHunt.execute(
                                                        "hunt",
                                                        "--rule", folder.toString(),
                                                        "--events", "test-data/archive",
                                                        "--out", out.toString()))
                                        .isEqualTo(2));

        assertThat(error).contains(folder.resolve("rule.yaml") + ":19:18");
        assertThat(error).contains("'has'");
        assertThat(out).doesNotExist();
    }

    private static List<JsonNode> alertSummaries(Path out) {
        return HuntOutput.readParts(out.resolve("alerts")).stream()
                .map(HuntOutput::alertSummary)
                .sorted(Comparator.comparing(alert -> alert.path("WindowStart").asText()))
                .toList();
    }

    private static String captureErr(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
