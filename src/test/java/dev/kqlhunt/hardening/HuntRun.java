package dev.kqlhunt.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kqlhunt.cli.KqlHunt;
import dev.kqlhunt.events.RejectionCategory;
import dev.kqlhunt.testing.ConsoleRun;
import dev.kqlhunt.testing.HuntOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code kql-hunt hunt} with the Silk Typhoon rule through {@link KqlHunt#execute} and reads
 * what it wrote: exit status, console, results, rejected lines and summary.json.
 */
record HuntRun(
        int status,
        Path out,
        String stdout,
        String stderr,
        List<JsonNode> matches,
        List<JsonNode> rejected,
        JsonNode summary) {

    static final Path RULE = Path.of("jobs/silk-typhoon-um-service-error");
    static final String RULE_FOLDER = "silk-typhoon-um-service-error";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs a hunt of the rule over {@code events} into {@code out}, adding {@code options}. */
    static HuntRun hunt(Path out, List<Path> events, String... options) {
        return hunt(RULE, out, events, options);
    }

    /** Runs a hunt of the rule file or folder {@code rule} over {@code events} into {@code out}. */
    static HuntRun hunt(Path rule, Path out, List<Path> events, String... options) {
        List<String> args = new ArrayList<>(List.of("hunt", "--rule", rule.toString()));
        for (Path input : events) {
            args.add("--events");
            args.add(input.toString());
        }
        args.addAll(List.of("--out", out.toString(), "--parallelism", "2"));
        args.addAll(Arrays.asList(options));

        ConsoleRun console = ConsoleRun.execute(args.toArray(String[]::new));
        Path summaryFile = out.resolve("summary.json");
        JsonNode summary = null;
        if (Files.isRegularFile(summaryFile)) {
            try {
                summary = JSON.readTree(summaryFile.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new HuntRun(
                console.status(),
                out,
                console.stdout(),
                console.stderr(),
                HuntOutput.readParts(out.resolve("matches").resolve(RULE_FOLDER)),
                HuntOutput.readParts(out.resolve("rejected")),
                summary);
    }

    /** Returns the {@code TimeGenerated} of each result, in output order. */
    List<String> matchTimes() {
        return matches.stream().map(row -> row.path("TimeGenerated").asText()).toList();
    }

    /**
     * Asserts summary.json's counts: records read, evaluated and rejected per category, with
     * every category not named at zero, none skipped by the prefilter, and that each record is
     * counted exactly once.
     */
    void assertCounts(long read, long evaluated, Map<RejectionCategory, Long> rejectedBy) {
        assertCounts(read, evaluated, 0, rejectedBy);
    }

    /**
     * Asserts summary.json's counts as {@link #assertCounts(long, long, Map)} does, with
     * {@code skipped} records skipped unparsed by the prefilter.
     */
    void assertCounts(
            long read, long evaluated, long skipped, Map<RejectionCategory, Long> rejectedBy) {
        long rejectedTotal = rejectedBy.values().stream().mapToLong(Long::longValue).sum();
        assertThat(summary).as("summary.json").isNotNull();
        assertThat(summary.path("recordsRead").asLong()).as("recordsRead").isEqualTo(read);
        assertThat(summary.path("recordsEvaluated").asLong())
                .as("recordsEvaluated")
                .isEqualTo(evaluated);
        assertThat(summary.path("recordsSkippedByPrefilter").asLong())
                .as("recordsSkippedByPrefilter")
                .isEqualTo(skipped);
        assertThat(summary.path("rejected").asLong()).as("rejected").isEqualTo(rejectedTotal);
        assertThat(read)
                .as("read = evaluated + rejected + skipped")
                .isEqualTo(evaluated + rejectedTotal + skipped);
        for (RejectionCategory category : RejectionCategory.values()) {
            assertThat(summary.path("rejectedByReason").path(category.label()).asLong(-1))
                    .as("rejectedByReason.%s", category.label())
                    .isEqualTo(rejectedBy.getOrDefault(category, 0L));
        }
        assertThat(rejected).as("rejected lines written").hasSize((int) rejectedTotal);
    }
}
