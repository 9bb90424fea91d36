package dev.kqlhunt.job;

import dev.kqlhunt.events.ArchiveFiles;
import dev.kqlhunt.events.ExportFileFormat;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.tuning.TuningFile;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a batch hunt evaluates and where it writes.
 *
 * @param from the first instant to evaluate, or null for no lower bound
 * @param to the instant after the last one to evaluate, or null for no upper bound
 * @param maxLineBytes longest input line read, in bytes; longer lines are rejected
 * @param tuning each tuned rule's tuning file by rule folder; rules without one keep every result
 * @param prefilter whether records that no rule can match may be skipped without reading their columns; see {@link
 *     HuntPrefilter}
 * @param maxExportDelay how long after {@code to} export partitions are still read, for rows
 *     exported late; null reads every later partition
 */
public record HuntRequest(
        List<Rule> rules,
        List<Path> inputs,
        Path out,
        Instant from,
        Instant to,
        int maxLineBytes,
        Map<String, TuningFile> tuning,
        boolean prefilter,
        Duration maxExportDelay) {

    public HuntRequest {
        rules = List.copyOf(rules);
        inputs = List.copyOf(inputs);
        tuning = Map.copyOf(tuning);
    }

    /** Returns the rule's tuning file, if the hunt applies one. */
    public Optional<TuningFile> tuning(Rule rule) {
        return Optional.ofNullable(tuning.get(rule.folder()));
    }

    /** Creates an untuned request with the default maximum line length and the prefilter on. */
    public HuntRequest(List<Rule> rules, List<Path> inputs, Path out, Instant from, Instant to) {
        this(
                rules,
                inputs,
                out,
                from,
                to,
                ExportFileFormat.DEFAULT_MAX_LINE_BYTES,
                Map.of(),
                true,
                ArchiveFiles.DEFAULT_MAX_EXPORT_DELAY);
    }

    public Path matchesDirectory(Rule rule) {
        return out.resolve("matches").resolve(rule.folder());
    }

    public Path alertsDirectory() {
        return out.resolve("alerts");
    }

    public Path rejectedDirectory() {
        return out.resolve("rejected");
    }
}
