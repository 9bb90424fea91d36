package dev.kqlhunt.backfill;

import dev.kqlhunt.rule.Rule;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a backfill evaluates and where it writes.
 *
 * @param from the backfill evaluates the windows that end after this instant
 * @param to ... and no later than this one
 * @param force evaluate windows again that an earlier backfill finished
 * @param windowsPerJob how many windows of a rule one Flink job evaluates
 */
public record BackfillRequest(
        List<Rule> rules,
        List<Path> inputs,
        Path out,
        Instant from,
        Instant to,
        boolean force,
        int windowsPerJob) {

    public BackfillRequest {
        rules = List.copyOf(rules);
        inputs = List.copyOf(inputs);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
        }
        if (windowsPerJob < 1) {
            throw new IllegalArgumentException(
                    "windows per job must be at least 1, not " + windowsPerJob);
        }
    }
}
