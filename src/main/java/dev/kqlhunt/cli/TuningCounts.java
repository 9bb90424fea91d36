package dev.kqlhunt.cli;

import org.apache.flink.api.common.JobExecutionResult;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kqlhunt.output.Counts;
import dev.kqlhunt.output.Terminal;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.tuning.Exclusion;
import dev.kqlhunt.tuning.Tuning;
import dev.kqlhunt.tuning.TuningFile;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one rule's tuning did in a hunt: the results each applied exclusion removed, and the
 * exclusions that were not applied because they are disabled or expired.
 *
 * @param excluded applied exclusion name to removed results, in file order
 */
record TuningCounts(
        String file, Map<String, Long> excluded, List<String> disabled, List<String> expired) {

    static TuningCounts collect(
            TuningFile tuning, Rule rule, JobExecutionResult result, LocalDate today) {
        Map<String, Long> excluded = new LinkedHashMap<>();
        List<String> disabled = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        for (Exclusion exclusion : tuning.exclusions()) {
            if (!exclusion.enabled()) {
                disabled.add(exclusion.name());
            } else if (exclusion.isExpired(today)) {
                expired.add(exclusion.name());
            } else {
                Object value =
                        result.getAllAccumulatorResults()
                                .get(Tuning.counterName(rule.folder(), exclusion.name()));
                excluded.put(
                        exclusion.name(), value instanceof Number number ? number.longValue() : 0L);
            }
        }
        return new TuningCounts(tuning.file(), excluded, disabled, expired);
    }

    long total() {
        return excluded.values().stream().mapToLong(Long::longValue).sum();
    }

    void writeJson(ObjectNode entry) {
        ObjectNode node = entry.putObject("tuning");
        node.put("file", file);
        node.put("excluded", total());
        ObjectNode counts = node.putObject("excludedBy");
        excluded.forEach(counts::put);
        disabled.forEach(node.putArray("disabled")::add);
        expired.forEach(node.putArray("expired")::add);
    }

    void print(PrintStream out) {
        out.printf(
                "  %s excluded by tuning in %s%n",
                Counts.of(total(), "result"),
                Terminal.safe(String.valueOf(file)));
        excluded.forEach(
                (name, count) -> out.printf("    %d  %s%n", count, Terminal.safe(name)));
        if (!disabled.isEmpty() || !expired.isEmpty()) {
            out.printf(
                    "    not applied: %d disabled, %d expired (see kql-hunt lint)%n",
                    disabled.size(), expired.size());
        }
    }
}
