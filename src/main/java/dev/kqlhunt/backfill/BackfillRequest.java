package dev.kqlhunt.backfill;

import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.tuning.TuningFile;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a backfill evaluates and where it writes.
 *
 * @param from the backfill evaluates the windows that end after this instant
 * @param to ... and no later than this one
 * @param force evaluate windows again that an earlier backfill finished
 * @param windowsPerJob how many windows of a rule one Flink job evaluates
 * @param tuning each tuned rule's tuning file by rule folder; rules without one keep every result
 * @param maxExportDelay how long after each window's end export partitions are still read, for
 *     rows exported late; null reads every later partition
 */
public record BackfillRequest(
        List<Rule> rules,
        List<Path> inputs,
        Path out,
        Instant from,
        Instant to,
        boolean force,
        int windowsPerJob,
        Map<String, TuningFile> tuning,
        Duration maxExportDelay) {

    /**
     * The default {@link #maxExportDelay()}, one day as in a hunt, so that a backfill finds the
     * rows a hunt over the same window finds. One job reads the files of several windows once,
     * so the delay adds one day of reading per job, not per window.
     */
    public static final Duration DEFAULT_MAX_EXPORT_DELAY = Duration.ofDays(1);

    public BackfillRequest {
        rules = List.copyOf(rules);
        inputs = List.copyOf(inputs);
        tuning = Map.copyOf(tuning);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
        }
        if (windowsPerJob < 1) {
            throw new IllegalArgumentException(
                    "windows per job must be at least 1, not " + windowsPerJob);
        }
        if (maxExportDelay != null && maxExportDelay.isNegative()) {
            throw new IllegalArgumentException(
                    "--max-export-delay " + maxExportDelay + " is negative");
        }
    }

    /** Creates an untuned request that reads {@link #DEFAULT_MAX_EXPORT_DELAY} after a window. */
    public BackfillRequest(
            List<Rule> rules,
            List<Path> inputs,
            Path out,
            Instant from,
            Instant to,
            boolean force,
            int windowsPerJob) {
        this(rules, inputs, out, from, to, force, windowsPerJob, Map.of(),
                DEFAULT_MAX_EXPORT_DELAY);
    }

    /** Returns the rule's tuning file, if the backfill applies one. */
    public Optional<TuningFile> tuning(Rule rule) {
        return Optional.ofNullable(tuning.get(rule.folder()));
    }
}
