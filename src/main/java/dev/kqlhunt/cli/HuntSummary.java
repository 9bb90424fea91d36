package dev.kqlhunt.cli;

import org.apache.flink.api.common.JobExecutionResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kqlhunt.events.ParseEvents;
import dev.kqlhunt.events.RejectionCategory;
import dev.kqlhunt.events.SkippedEntries;
import dev.kqlhunt.job.HuntCounters;
import dev.kqlhunt.job.HuntRequest;
import dev.kqlhunt.output.Counts;
import dev.kqlhunt.output.Terminal;
import dev.kqlhunt.rule.Rule;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The outcome of a hunt: the counters and the alerts, for the console and summary.json. */
final class HuntSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Paths per skip reason written to summary.json; the console shows fewer. */
    static final int SKIPPED_PATHS_WRITTEN = 10;

    private final HuntRequest request;
    private final long recordsRead;
    private final long recordsEvaluated;
    private final long rowsParsed;
    private final long rowsOutsideRange;
    private final long rejected;
    private final Map<RejectionCategory, Long> rejectedByCategory;
    private final long skipped;
    private final List<Long> matches;
    private final List<JsonNode> alerts;
    private final Map<String, TuningCounts> tuning;
    private final SkippedEntries skippedEntries;

    private HuntSummary(
            HuntRequest request,
            long recordsRead,
            long recordsEvaluated,
            long rowsParsed,
            long rowsOutsideRange,
            long rejected,
            Map<RejectionCategory, Long> rejectedByCategory,
            long skipped,
            List<Long> matches,
            List<JsonNode> alerts,
            Map<String, TuningCounts> tuning,
            SkippedEntries skippedEntries) {
        this.request = request;
        this.recordsRead = recordsRead;
        this.recordsEvaluated = recordsEvaluated;
        this.rowsParsed = rowsParsed;
        this.rowsOutsideRange = rowsOutsideRange;
        this.rejected = rejected;
        this.rejectedByCategory = rejectedByCategory;
        this.skipped = skipped;
        this.matches = matches;
        this.alerts = alerts;
        this.tuning = tuning;
        this.skippedEntries = skippedEntries;
    }

    /**
     * Collects the counters of {@code result} and the alerts the hunt wrote, with the entries the
     * listing of the inputs left out.
     */
    static HuntSummary collect(
            HuntRequest request, JobExecutionResult result, SkippedEntries skippedEntries)
            throws IOException {
        List<Long> matches = new ArrayList<>();
        Map<String, TuningCounts> tuning = new HashMap<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (Rule rule : request.rules()) {
            matches.add(counter(result, HuntCounters.matches(rule.folder())));
            request.tuning(rule)
                    .ifPresent(file -> tuning.put(rule.folder(),
                            TuningCounts.collect(file, rule, result, today)));
        }
        Map<RejectionCategory, Long> byCategory = new EnumMap<>(RejectionCategory.class);
        for (RejectionCategory category : RejectionCategory.values()) {
            byCategory.put(category, counter(result, ParseEvents.rejectedIn(category)));
        }
        return new HuntSummary(
                request,
                counter(result, HuntCounters.RECORDS_READ),
                counter(result, HuntCounters.RECORDS_EVALUATED),
                counter(result, HuntCounters.ROWS),
                counter(result, HuntCounters.ROWS_OUTSIDE_RANGE),
                counter(result, HuntCounters.RECORDS_REJECTED),
                byCategory,
                counter(result, HuntCounters.RECORDS_SKIPPED),
                matches,
                readAlerts(request.alertsDirectory()),
                tuning,
                skippedEntries);
    }

    long recordsRead() {
        return recordsRead;
    }

    long rejected() {
        return rejected;
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAllAccumulatorResults().get(name);
        return value instanceof Number number ? number.longValue() : 0L;
    }

    /** Reads every alert the job wrote, ordered by rule and window. */
    static List<JsonNode> readAlerts(Path directory) throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return alerts;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(HuntSummary::isPartFile).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        alerts.add(JSON.readTree(line));
                    }
                }
            }
        }
        alerts.sort(
                Comparator.comparing((JsonNode alert) -> alert.path("AlertName").asText())
                        .thenComparing(
                                alert ->
                                        alert.path("ExtendedProperties")
                                                .path("Query Start Time UTC")
                                                .asText()));
        return alerts;
    }

    private static boolean isPartFile(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("part") && name.endsWith(".jsonl");
    }

    void writeJson(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("recordsRead", recordsRead);
        root.put("recordsEvaluated", recordsEvaluated);
        root.put("rowsEvaluated", rowsParsed - rowsOutsideRange);
        root.put("rowsOutsideRange", rowsOutsideRange);
        root.put("rejected", rejected);
        ObjectNode byReason = root.putObject("rejectedByReason");
        rejectedByCategory.forEach((category, count) -> byReason.put(category.label(), count));
        root.put("recordsSkippedByPrefilter", skipped);
        writeSkippedEntries(root.putObject("skippedEntries"));
        ArrayNode rules = root.putArray("rules");
        for (int i = 0; i < request.rules().size(); i++) {
            Rule rule = request.rules().get(i);
            ObjectNode entry = rules.addObject();
            entry.put("folder", rule.folder());
            entry.put("name", rule.name());
            entry.put("id", rule.id());
            entry.put("version", rule.version());
            entry.put("matches", matches.get(i));
            entry.put(
                    "alerts",
                    alerts.stream()
                            .filter(alert -> alert.path("AlertType").asText().equals(rule.id()))
                            .count());
            if (tuning.containsKey(rule.folder())) {
                tuning.get(rule.folder()).writeJson(entry);
            }
        }
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Writes the count of entries the listing left out for each reason, every reason present,
     * with the first {@value #SKIPPED_PATHS_WRITTEN} paths of each.
     */
    private void writeSkippedEntries(ObjectNode node) {
        skippedEntries.byReason()
                .forEach(
                        (reason, paths) -> {
                            ObjectNode entry = node.putObject(reason.key());
                            entry.put("count", paths.size());
                            ArrayNode written = entry.putArray("paths");
                            paths.stream()
                                    .limit(SKIPPED_PATHS_WRITTEN)
                                    .forEach(path -> written.add(path.toString()));
                        });
    }

    void print(PrintStream out) {
        out.println();
        out.printf(
                "Read %d records from %s: %d evaluated, %d rejected%s%n",
                recordsRead,
                Terminal.safe(request.inputs().toString()),
                recordsEvaluated,
                rejected,
                skipped > 0
                        ? ", " + skipped + " skipped by the prefilter (--no-prefilter validates"
                                + " their columns)"
                        : "");
        out.printf(
                "  %d rows evaluated%s%n",
                rowsParsed - rowsOutsideRange,
                rowsOutsideRange > 0 ? ", " + rowsOutsideRange + " outside --from/--to" : "");
        if (skippedEntries.total() > 0) {
            out.printf(
                    "  skipped %s: %s%n",
                    Counts.of(skippedEntries.total(), "input entry", "input entries"),
                    skippedEntries.describe());
        }
        if (rejected > 0) {
            out.printf("  rejected: %s%n", rejectedReasons());
            out.printf(
                    "  rejected lines: %s%n",
                    Terminal.safe(request.rejectedDirectory().toString()));
        }
        for (int i = 0; i < request.rules().size(); i++) {
            Rule rule = request.rules().get(i);
            out.printf(
                    "%n%s (%s, version %s, severity %s)%n",
                    Terminal.safe(rule.name()),
                    Terminal.safe(rule.id()),
                    Terminal.safe(rule.version()),
                    Terminal.safe(rule.severity()));
            out.printf(
                    "  %s in %s%n",
                    Counts.of(matches.get(i), "result"),
                    Terminal.safe(request.matchesDirectory(rule).toString()));
            if (tuning.containsKey(rule.folder())) {
                tuning.get(rule.folder()).print(out);
            }
            List<JsonNode> ruleAlerts =
                    alerts.stream()
                            .filter(alert -> alert.path("AlertType").asText().equals(rule.id()))
                            .toList();
            out.printf(
                    "  %s in %s%n",
                    Counts.of(ruleAlerts.size(), "alert"),
                    Terminal.safe(request.alertsDirectory().toString()));
            for (JsonNode alert : ruleAlerts) {
                out.println("    " + describe(alert));
            }
        }
    }

    /** Lists the non-zero rejection counts, such as "2 invalid-json, 1 invalid-time". */
    private String rejectedReasons() {
        List<String> parts = new ArrayList<>();
        rejectedByCategory.forEach(
                (category, count) -> {
                    if (count > 0) {
                        parts.add(count + " " + category.label());
                    }
                });
        return String.join(", ", parts);
    }

    /** Hosts printed per alert; the alert file lists all of them. */
    private static final int HOSTS_SHOWN = 5;

    static String hostList(List<String> hosts) {
        if (hosts.isEmpty()) {
            return "-";
        }
        if (hosts.size() <= HOSTS_SHOWN) {
            return String.join(", ", hosts);
        }
        return String.join(", ", hosts.subList(0, HOSTS_SHOWN))
                + " and " + (hosts.size() - HOSTS_SHOWN) + " more";
    }

    private static String describe(JsonNode alert) {
        JsonNode properties = alert.path("ExtendedProperties");
        List<String> hosts = new ArrayList<>();
        for (JsonNode entity : alert.path("Entities")) {
            String full = entity.path("FullName").asText("");
            String host = entity.path("HostName").asText("");
            hosts.add(full.isEmpty() ? host : full);
        }
        return Terminal.safe(
                String.format(
                        "%s .. %s  %s  hosts: %s",
                        properties.path("Query Start Time UTC").asText(),
                        properties.path("Query End Time UTC").asText(),
                        Counts.of(
                                properties.path("Search Query Results Overall Count").asLong(),
                                "result"),
                        hostList(hosts)));
    }
}
