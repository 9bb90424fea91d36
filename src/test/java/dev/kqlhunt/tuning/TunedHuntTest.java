package dev.kqlhunt.tuning;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kqlhunt.cli.KqlHunt;
import dev.kqlhunt.testing.HuntOutput;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hunts the bundled rule's cases with its shipped tuning enabled (in a copy of the rule folder)
 * and with {@code --no-tuning}.
 */
class TunedHuntTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Path JOB = Path.of("jobs/silk-typhoon-um-service-error");
    private static final String UPDATE = "Exchange update restarts the UM service";
    private static final String ADMIN = "Admin account managing users";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path temp;

    @Test
    void shippedTuningEnabledCountsEachExclusion() throws IOException {
        Path rule = enabledCopy();
        Path out = temp.resolve("tuned");

        int status = hunt(rule, out);

        assertThat(status).isZero();
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode entry = summary.path("rules").get(0);
        assertThat(entry.path("matches").asLong()).isEqualTo(14);
        assertThat(entry.path("tuning").path("excluded").asLong()).isEqualTo(1);
        assertThat(entry.path("tuning").path("excludedBy").path(UPDATE).asLong()).isEqualTo(1);
        assertThat(entry.path("tuning").path("excludedBy").path(ADMIN).isNumber()).isTrue();
        assertThat(entry.path("tuning").path("excludedBy").path(ADMIN).asLong()).isZero();

        List<JsonNode> matches = HuntOutput.readParts(out.resolve("matches").resolve(
                "silk-typhoon-um-service-error"));
        assertThat(matches).hasSize(14);
        assertThat(matches)
                .extracting(row -> row.path("TimeGenerated").asText())
                .doesNotContain("2021-03-01T00:00:00.0000000Z");

        List<JsonNode> alerts = alertsByWindow(out);
        // Only the 03-01 midnight service error on EXCH01.contoso.com matches: the 03-02 one is
        // on "EXCH01.", which is not in the exclusion's host list.
        assertThat(alerts).extracting(alert -> count(alert)).containsExactly("7", "4", "3");
        assertThat(alerts)
                .extracting(alert -> excludedByTuning(alert))
                .containsExactly("{\"" + UPDATE + "\":1}", "", "");
    }

    @Test
    void noTuningReportsEveryResult() throws IOException {
        Path rule = enabledCopy();
        Path out = temp.resolve("untuned");

        int status = hunt(rule, out, "--no-tuning");

        assertThat(status).isZero();
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode entry = summary.path("rules").get(0);
        assertThat(entry.path("matches").asLong()).isEqualTo(15);
        assertThat(entry.has("tuning")).isFalse();
        List<JsonNode> alerts = alertsByWindow(out);
        assertThat(alerts).extracting(alert -> count(alert)).containsExactly("8", "4", "3");
        assertThat(alerts).extracting(alert -> excludedByTuning(alert))
                .containsExactly("", "", "");
    }

    private int hunt(Path rule, Path out, String... extra) {
        String[] base = {
            "hunt",
            "--rule", rule.toString(),
            "--events", JOB.resolve("tests/events.jsonl").toString(),
            "--out", out.toString(),
            "--parallelism", "2"
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return KqlHunt.execute(args);
    }

    /** Copies the rule folder and enables every shipped exclusion in the copy. */
    private Path enabledCopy() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("silk-typhoon-um-service-error"));
        Files.copy(JOB.resolve("rule.yaml"), folder.resolve("rule.yaml"));
        String tuning = Files.readString(JOB.resolve("tuning.yaml"), StandardCharsets.UTF_8);
        assertThat(tuning).contains("enabled: false");
        Files.writeString(folder.resolve("tuning.yaml"),
                tuning.replace("enabled: false", "enabled: true"), StandardCharsets.UTF_8);
        return folder;
    }

    private static List<JsonNode> alertsByWindow(Path out) {
        return HuntOutput.readParts(out.resolve("alerts")).stream()
                .sorted((a, b) -> start(a).compareTo(start(b)))
                .toList();
    }

    private static String start(JsonNode alert) {
        return alert.path("ExtendedProperties").path("Query Start Time UTC").asText();
    }

    private static String count(JsonNode alert) {
        return alert.path("ExtendedProperties").path("Search Query Results Overall Count")
                .asText();
    }

    private static String excludedByTuning(JsonNode alert) {
        return alert.path("ExtendedProperties").path("Excluded By Tuning").asText("");
    }
}
