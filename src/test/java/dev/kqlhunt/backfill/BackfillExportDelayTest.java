package dev.kqlhunt.backfill;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kqlhunt.cli.KqlHunt;
import dev.kqlhunt.testing.HuntOutput;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfills the 2021-03-01 window of the Silk Typhoon rule (1d/1d) over an archive whose four
 * matching rows of that day were exported later and later, with different
 * {@code --max-export-delay} values.
 */
class BackfillExportDelayTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Path RULE = Path.of("jobs/silk-typhoon-um-service-error");
    private static final Path ARCHIVE = Path.of("test-data/archive");
    private static final String RULE_FOLDER = "silk-typhoon-um-service-error";
    private static final String WINDOW = "2021-03-01T00-00-00Z";
    /** TimeGenerated of the bundled matching row that the archive's rows are made from. */
    private static final String TEMPLATE_TIME = "2021-03-04T02:25:51.3206322Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path shared;

    @TempDir Path temp;

    private static Path archive;

    /**
     * Writes one matching row of 2021-03-01 into each of four partitions: on time, 10 minutes
     * late in the next day's first hour, 5.5 hours late, and more than two days late.
     */
    @BeforeAll
    static void writeArchive() throws IOException {
        archive = shared.resolve("archive");
        String template = templateRow();
        writeRow(template, "d=01/h=10", "2021-03-01T10:05:00.0000000Z");
        writeRow(template, "d=02/h=00", "2021-03-01T23:50:00.0000000Z");
        writeRow(template, "d=02/h=05", "2021-03-01T23:30:00.0000000Z");
        writeRow(template, "d=04/h=00", "2021-03-01T23:45:00.0000000Z");
    }

    @ParameterizedTest(name = "--max-export-delay {0}")
    @CsvSource({
        "'', 3, 2021-03-01T10:05:00.0000000Z 2021-03-01T23:30:00.0000000Z"
                + " 2021-03-01T23:50:00.0000000Z",
        "1h, 2, 2021-03-01T10:05:00.0000000Z 2021-03-01T23:50:00.0000000Z",
        "6h, 3, 2021-03-01T10:05:00.0000000Z 2021-03-01T23:30:00.0000000Z"
                + " 2021-03-01T23:50:00.0000000Z",
        "1d, 3, 2021-03-01T10:05:00.0000000Z 2021-03-01T23:30:00.0000000Z"
                + " 2021-03-01T23:50:00.0000000Z",
        "none, 4, 2021-03-01T10:05:00.0000000Z 2021-03-01T23:30:00.0000000Z"
                + " 2021-03-01T23:45:00.0000000Z 2021-03-01T23:50:00.0000000Z",
    })
    void delayDecidesWhichLateRowsCount(String delay, int filesRead, String times)
            throws IOException {
        Path out = temp.resolve("out");
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "backfill",
                                "--rule", RULE.toString(),
                                "--events", archive.toString(),
                                "--out", out.toString(),
                                "--from", "2021-03-01",
                                "--to", "2021-03-01"));
        if (!delay.isEmpty()) {
            args.addAll(List.of("--max-export-delay", delay));
        }
        List<String> expectedTimes = Arrays.asList(times.split(" "));

        int status = KqlHunt.execute(args.toArray(String[]::new));

        assertThat(status).isZero();
        Path window = out.resolve(RULE_FOLDER).resolve(WINDOW);
        JsonNode summary = JSON.readTree(window.resolve("summary.json").toFile());
        assertThat(summary.path("filesRead").asInt()).isEqualTo(filesRead);
        assertThat(summary.path("matches").asLong()).isEqualTo(expectedTimes.size());
        assertThat(HuntOutput.readParts(window.resolve("matches")))
                .extracting(row -> row.path("TimeGenerated").asText())
                .containsExactlyElementsOf(expectedTimes);
        List<JsonNode> alerts = HuntOutput.readParts(window.resolve("alerts"));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("ExtendedProperties")
                        .path("Search Query Results Overall Count").asText())
                .isEqualTo(String.valueOf(expectedTimes.size()));
    }

    @Test
    void invalidDelayIsRejected() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int status;
        try {
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            status =
                    KqlHunt.execute(
                            "backfill",
                            "--rule", RULE.toString(),
                            "--events", archive.toString(),
                            "--out", temp.resolve("out").toString(),
                            "--from", "2021-03-01",
                            "--to", "2021-03-01",
                            "--max-export-delay", "soon");
        } finally {
            System.setErr(original);
        }

        assertThat(status).isEqualTo(KqlHunt.EXIT_USAGE);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains(
                        "invalid --max-export-delay 'soon': expected a duration such as 6h or"
                                + " 7d, or none");
        assertThat(temp.resolve("out")).doesNotExist();
    }

    /** Returns the bundled archive's line of the 2021-03-04 service error. */
    private static String templateRow() throws IOException {
        try (Stream<Path> files = Files.walk(ARCHIVE)) {
            List<Path> candidates =
                    files.filter(file -> file.toString().contains("d=04")
                                    && file.getFileName().toString().endsWith(".json"))
                            .toList();
            for (Path file : candidates) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.contains("\"TimeGenerated\":\"" + TEMPLATE_TIME + "\"")) {
                        return line;
                    }
                }
            }
        }
        throw new IllegalStateException("no row of " + TEMPLATE_TIME + " in " + ARCHIVE);
    }

    private static void writeRow(String template, String partition, String timeGenerated)
            throws IOException {
        Path folder =
                Files.createDirectories(
                        archive.resolve("y=2021/m=03").resolve(partition).resolve("m=00"));
        Files.writeString(
                folder.resolve("PT1H.json"),
                template.replace(TEMPLATE_TIME, timeGenerated) + "\n",
                StandardCharsets.UTF_8);
    }
}
