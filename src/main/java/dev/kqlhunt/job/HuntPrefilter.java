package dev.kqlhunt.job;

import dev.kqlhunt.events.LinePrefilter;
import dev.kqlhunt.kql.KqlParser;
import dev.kqlhunt.kql.RequiredLiterals;
import dev.kqlhunt.rule.Rule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the {@link LinePrefilter} of a hunt or a {@code watch}: the required literals of every
 * rule, or none.
 *
 * <p>A hunt skips records only when every rule gives a condition ({@link RequiredLiterals}) and
 * no rule's trigger fires on a window without results: such a trigger needs to know which
 * windows hold any {@code Event} row at all, so every row must be parsed.
 */
public final class HuntPrefilter {

    private static final Logger LOG = LoggerFactory.getLogger(HuntPrefilter.class);

    private HuntPrefilter() {}

    /** Returns the prefilter for {@code request}, or null when every record must be parsed. */
    static LinePrefilter of(HuntRequest request) {
        if (!request.prefilter()) {
            LOG.info("Prefilter off: every record is parsed and validated");
            return null;
        }
        return of(request.rules());
    }

    /** Returns the prefilter for {@code rules}, or null when every record must be parsed. */
    public static LinePrefilter of(List<Rule> rules) {
        List<List<List<String>>> conditions = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.triggerOperator().firesOnEmptyWindow(rule.triggerThreshold())) {
                LOG.info("Prefilter off: rule {} can alert on windows without results",
                        rule.name());
                return null;
            }
            Optional<List<List<String>>> literals =
                    RequiredLiterals.of(KqlParser.parse(rule.querySource()));
            if (literals.isEmpty()) {
                LOG.info("Prefilter off: rule {} requires no literal text", rule.name());
                return null;
            }
            LOG.info("Prefilter for rule {}: every match contains one of each of {}",
                    rule.name(), literals.get());
            conditions.add(literals.get());
        }
        return new LinePrefilter(conditions);
    }
}
