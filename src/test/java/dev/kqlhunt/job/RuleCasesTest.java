package dev.kqlhunt.job;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.kqlhunt.cli.KqlHunt;
import dev.kqlhunt.testing.HuntOutput;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hunts each rule's own cases ({@code jobs/<rule>/tests/events.jsonl}) and compares the results,
 * alerts and rejected lines with the expected files beside them.
 */
class RuleCasesTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path temp;

    @TestFactory
    Stream<DynamicTest> everyRuleFolderMatchesItsExpectedOutput() throws IOException {
        List<Path> folders;
        try (Stream<Path> children = Files.list(Path.of("jobs"))) {
            folders =
                    children.filter(folder -> Files.isRegularFile(folder.resolve("rule.yaml")))
                            .sorted()
                            .toList();
        }
        assertThat(folders).isNotEmpty();
        return folders.stream()
                .map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(),
                        () -> huntCases(folder)));
    }

    private void huntCases(Path folder) {
        Path tests = folder.resolve("tests");
        Path out = temp.resolve(folder.getFileName());

        int status =
                KqlHunt.execute(
                        "hunt",
                        "--rule", folder.toString(),
                        "--events", tests.resolve("events.jsonl").toString(),
                        "--out", out.toString(),
                        "--parallelism", "2",
                        // Every line is parsed, so that the expected rejections are all found.
                        "--no-prefilter");

        assertThat(status).isZero();
        List<JsonNode> matches =
                HuntOutput.readParts(out.resolve("matches").resolve(folder.getFileName()));
        List<JsonNode> expectedMatches =
                HuntOutput.readLines(tests.resolve("expected-matches.jsonl"));
        assertThat(matches).hasSameSizeAs(expectedMatches);
        for (int i = 0; i < matches.size(); i++) {
            assertThat(HuntOutput.fieldNames(matches.get(i)))
                    .as("columns of result %d", i)
                    .containsExactlyElementsOf(HuntOutput.fieldNames(expectedMatches.get(i)));
            assertThat(matches.get(i)).as("result %d", i).isEqualTo(expectedMatches.get(i));
        }

        List<JsonNode> alerts =
                HuntOutput.readParts(out.resolve("alerts")).stream()
                        .map(HuntOutput::alertSummary)
                        .sorted((a, b) -> a.path("WindowStart").asText()
                                .compareTo(b.path("WindowStart").asText()))
                        .toList();
        assertThat(alerts)
                .containsExactlyElementsOf(
                        HuntOutput.readLines(tests.resolve("expected-alerts.jsonl")));

        List<JsonNode> rejected = HuntOutput.readParts(out.resolve("rejected"));
        List<JsonNode> expectedRejected =
                HuntOutput.readLines(tests.resolve("expected-rejected.jsonl"));
        assertThat(rejected).hasSameSizeAs(expectedRejected);
        for (int i = 0; i < rejected.size(); i++) {
            JsonNode expected = expectedRejected.get(i);
            assertThat(rejected.get(i).path("line").asLong())
                    .isEqualTo(expected.path("line").asLong());
            assertThat(rejected.get(i).path("reason").asText())
                    .contains(expected.path("reason_contains").asText());
        }
    }
}
