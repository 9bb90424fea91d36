package dev.kqlhunt.cli;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import dev.kqlhunt.testing.ConsoleRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code hunt}, {@code backfill} and {@code watch} with a copy of the bundled rule and a
 * tuning file that lint flags: an error stops the run before its output folder exists, a warning
 * does not, and {@code --no-tuning} skips the check.
 */
class TuningLintCheckTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Path JOB = Path.of("jobs/silk-typhoon-um-service-error");
    private static final Path EVENTS = JOB.resolve("tests/events.jsonl");

    @TempDir Path temp;

    @Test
    void huntStopsOnExclusionTheRuleImplies() throws IOException {
        Path rule = ruleWithTuning(exclusion("Every error", "EventLevelName =~ \"ERROR\""));
        Path out = temp.resolve("out");

        ConsoleRun run = hunt(rule, out);

        assertThat(run.status()).isEqualTo(KqlHunt.EXIT_USAGE);
        assertThat(run.stderr())
                .contains(rule.resolve("tuning.yaml") + ":5:13: error EXCLUDES_EVERYTHING:"
                        + " exclusion 'Every error' is true for every result because the rule's"
                        + " query already requires EventLevelName =~ \"error\" (line 20 of "
                        + rule.resolve("rule.yaml") + ")");
        assertThat(run.stderr())
                .contains("kql-hunt: 1 lint error(s) in tuning files; fix the exclusions above,"
                        + " or pass --no-tuning to run without tuning");
        assertThat(run.stdout()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void huntStopsOnAlwaysTrueInequalities() throws IOException {
        Path rule = ruleWithTuning(
                exclusion("Two hosts", "Computer != \"a\" or Computer != \"b\""));
        Path out = temp.resolve("out");

        ConsoleRun run = hunt(rule, out);

        assertThat(run.status()).isEqualTo(KqlHunt.EXIT_USAGE);
        assertThat(run.stderr())
                .contains(rule.resolve("tuning.yaml") + ":5:13: error ALWAYS_TRUE:");
        assertThat(run.stderr())
                .contains(rule.resolve("tuning.yaml") + ":5:13: error EXCLUDES_EVERYTHING:");
        assertThat(run.stderr()).contains("kql-hunt: 2 lint error(s) in tuning files");
        assertThat(out).doesNotExist();
    }

    @Test
    void backfillStopsOnAlwaysTrueExclusion() throws IOException {
        Path rule = ruleWithTuning(exclusion("Any text", "RenderedDescription contains \"\""));
        Path out = temp.resolve("backfill");

        ConsoleRun run = ConsoleRun.execute(
                "backfill",
                "--rule", rule.toString(),
                "--events", "test-data/archive",
                "--out", out.toString(),
                "--from", "2021-02-28",
                "--to", "2021-03-01");

        assertThat(run.status()).isEqualTo(KqlHunt.EXIT_USAGE);
        assertThat(run.stderr())
                .contains(rule.resolve("tuning.yaml") + ":5:13: error ALWAYS_TRUE:"
                        + " 'RenderedDescription contains \"\"' is always true");
        assertThat(run.stderr())
                .contains(rule.resolve("tuning.yaml") + ":5:13: error EXCLUDES_EVERYTHING:");
        assertThat(out).doesNotExist();
    }

    @Test
    void watchStopsOnLintError() throws IOException {
        Path rule = ruleWithTuning(exclusion("Every error", "EventLevelName =~ \"ERROR\""));
        Path watched = Files.createDirectories(temp.resolve("incoming"));
        Path out = temp.resolve("watch");

        ConsoleRun run = ConsoleRun.execute(
                "watch",
                "--rule", rule.toString(),
                "--watch-dir", watched.toString(),
                "--out", out.toString());

        assertThat(run.status()).isEqualTo(KqlHunt.EXIT_USAGE);
        assertThat(run.stderr())
                .contains(rule.resolve("tuning.yaml") + ":5:13: error EXCLUDES_EVERYTHING:");
        assertThat(run.stderr())
                .contains("kql-hunt: 1 lint error(s) in tuning files; fix the exclusions above,"
                        + " or pass --no-tuning to run without tuning");
        assertThat(run.stdout()).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void noTuningSkipsTheCheck() throws IOException {
        Path rule = ruleWithTuning(exclusion("Every error", "EventLevelName =~ \"ERROR\""));
        Path out = temp.resolve("out");

        ConsoleRun run = hunt(rule, out, "--no-tuning");

        assertThat(run.status()).isZero();
        assertThat(run.stderr()).doesNotContain("EXCLUDES_EVERYTHING");
        assertThat(out.resolve("summary.json")).exists();
    }

    @Test
    void disabledDraftDoesNotStopHunt() throws IOException {
        Path rule = ruleWithTuning(
                exclusion("Draft", "Computer =~ \"A\" and Computer =~ \"B\"")
                        + "    enabled: false\n");
        Path out = temp.resolve("out");

        ConsoleRun run = hunt(rule, out);

        assertThat(run.status()).isZero();
        assertThat(run.stderr()).doesNotContain("lint error");
        assertThat(out.resolve("summary.json")).exists();
    }

    @Test
    void warningIsPrintedAndHuntRuns() throws IOException {
        Path rule = ruleWithTuning(exclusion("Lab host", "Computer =~ \"lab01\"")
                + "    expires: 2021-01-31\n");
        Path out = temp.resolve("out");

        ConsoleRun run = hunt(rule, out);

        assertThat(run.status()).isZero();
        assertThat(run.stderr())
                .contains(rule.resolve("tuning.yaml") + ":6:14: warning EXCLUSION_EXPIRED:"
                        + " exclusion 'Lab host' expired on 2021-01-31");
        assertThat(run.stderr()).doesNotContain("lint error");
        assertThat(out.resolve("summary.json")).exists();
    }

    /** Returns an exclusion whose {@code where} is on the fourth of its lines, from column 13. */
    private static String exclusion(String name, String where) {
        return "  - name: " + name + "\n"
                + "    reason: test\n"
                + "    owner: test\n"
                + "    where: '" + where.replace("'", "''") + "'\n";
    }

    /** Copies the bundled rule, without its test cases, and writes a tuning file beside it. */
    private Path ruleWithTuning(String exclusions) throws IOException {
        Path folder = Files.createDirectories(temp.resolve("rules").resolve("silk"));
        Files.copy(JOB.resolve("rule.yaml"), folder.resolve("rule.yaml"));
        Files.writeString(folder.resolve("tuning.yaml"), "exclusions:\n" + exclusions,
                StandardCharsets.UTF_8);
        return folder;
    }

    private ConsoleRun hunt(Path rule, Path out, String... extra) {
        String[] base = {
            "hunt",
            "--rule", rule.toString(),
            "--events", EVENTS.toString(),
            "--out", out.toString(),
            "--parallelism", "2"
        };
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return ConsoleRun.execute(args);
    }
}
