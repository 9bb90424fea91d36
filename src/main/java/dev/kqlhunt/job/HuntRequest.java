package dev.kqlhunt.job;

import dev.kqlhunt.rule.Rule;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a batch hunt evaluates and where it writes.
 *
 * @param from the first instant to evaluate, or null for no lower bound
 * @param to the instant after the last one to evaluate, or null for no upper bound
 * @param prefilter whether records that no rule can match may be skipped unparsed; see {@link
 *     HuntPrefilter}
 */
public record HuntRequest(
        List<Rule> rules, List<Path> inputs, Path out, Instant from, Instant to,
        boolean prefilter) {

    public HuntRequest {
        rules = List.copyOf(rules);
        inputs = List.copyOf(inputs);
    }

    /** A request with the prefilter on. */
    public HuntRequest(List<Rule> rules, List<Path> inputs, Path out, Instant from, Instant to) {
        this(rules, inputs, out, from, to, true);
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
