package dev.kqlhunt.job;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.kqlhunt.cli.KqlHunt;
import dev.kqlhunt.events.RandomEventLines;
import dev.kqlhunt.testing.HuntOutput;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hunts random lines with the prefilter on and off and requires the same results: the prefilter
 * may only skip lines that cannot match.
 */
class PrefilterDifferentialTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String RULE = "jobs/silk-typhoon-um-service-error";

    @TempDir Path temp;

    @Test
    void prefilterOnAndOffGiveTheSameMatches() throws IOException {
        Path events = temp.resolve("events.jsonl");
        RandomEventLines lines =
                new RandomEventLines(
                        7,
                        List.of("Application", "MSExchange", "error", "Watson report",
                                "umworkerprocess", "TextFormattingRunProperties",
                                "MSExchange Unified Messaging", "System.OutOfMemoryException"),
                        Map.of(
                                "EventLog", List.of("Application", "System", "Application "),
                                "Source", List.of("MSExchange Unified Messaging", "MSExchangeUM",
                                        "Other"),
                                "EventLevelName", List.of("Error", "Warning", "Erreur"),
                                "RenderedDescription", List.of(
                                        "Watson report about umworkerprocess and"
                                                + " TextFormattingRunProperties",
                                        "An unhandled exception occurred in a UM worker"
                                                + " process: x",
                                        "The Microsoft Exchange Unified Messaging service failed",
                                        "MSExchange Unified Messaging: System.OutOfMemoryException",
                                        "Watson report about umworkerprocess only")));
        try (Writer out = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 30_000; i++) {
                out.write(lines.next());
                out.write('\n');
            }
        }

        Hunt on = hunt(events, "on");
        Hunt off = hunt(events, "off", "--no-prefilter");

        assertThat(off.matches()).hasSizeGreaterThan(100);
        assertThat(on.matches()).containsExactlyInAnyOrderElementsOf(off.matches());
        // Event Hubs envelopes among the lines hold two records each.
        assertThat(on.count("recordsRead")).isGreaterThan(30_000);
        for (Hunt hunt : List.of(on, off)) {
            assertThat(hunt.count("recordsRead"))
                    .isEqualTo(on.count("recordsRead"))
                    .isEqualTo(hunt.count("recordsEvaluated") + hunt.count("rejected")
                            + hunt.count("recordsSkippedByPrefilter"));
        }
        assertThat(off.count("recordsSkippedByPrefilter")).isZero();
        assertThat(on.count("recordsSkippedByPrefilter")).isGreaterThan(15_000);
        assertThat(on.count("rejected") + on.count("recordsSkippedByPrefilter"))
                .isGreaterThanOrEqualTo(off.count("rejected"));
        assertThat(on.count("rowsEvaluated"))
                .isLessThan(off.count("rowsEvaluated"))
                .isGreaterThanOrEqualTo(off.matches().size());
    }

    @Test
    void bundledArchivesGiveTheSameMatchesAndAlerts() throws IOException {
        Hunt on = hunt(Path.of("test-data"), "bundled-on");
        Hunt off = hunt(Path.of("test-data"), "bundled-off", "--no-prefilter");

        assertThat(off.matches()).isNotEmpty();
        assertThat(on.matches()).containsExactlyElementsOf(off.matches());
        assertThat(on.alerts()).containsExactlyInAnyOrderElementsOf(off.alerts());
        assertThat(on.count("recordsSkippedByPrefilter")).isPositive();
        assertThat(on.count("recordsRead"))
                .isEqualTo(off.count("recordsRead"))
                .isEqualTo(on.count("recordsEvaluated") + on.count("rejected")
                        + on.count("recordsSkippedByPrefilter"));
    }

    private record Hunt(List<JsonNode> matches, List<JsonNode> alerts, JsonNode summary) {
        long count(String field) {
            assertThat(summary.has(field)).as(field).isTrue();
            return summary.path(field).asLong();
        }
    }

    private Hunt hunt(Path events, String name, String... extra) throws IOException {
        Path out = temp.resolve(name);
        List<String> args = new ArrayList<>(List.of("hunt", "--rule", RULE, "--events",
                events.toString(), "--out", out.toString(), "--parallelism", "2"));
        args.addAll(List.of(extra));

        assertThat(KqlHunt.execute(args.toArray(String[]::new))).isZero();
        List<JsonNode> matches =
                HuntOutput.readParts(out.resolve("matches").resolve(Path.of(RULE).getFileName()));
        return new Hunt(
                matches,
                HuntOutput.readParts(out.resolve("alerts")),
                new ObjectMapper().readTree(out.resolve("summary.json").toFile()));
    }
}
