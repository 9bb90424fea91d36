package dev.kqlhunt.backfill;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.kqlhunt.events.SkippedEntries;
import dev.kqlhunt.kql.CompiledQuery;
import dev.kqlhunt.kql.KqlCompiler;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.Schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Evaluates rules for every schedule window of a past time range over a date-partitioned
 * archive, as if they had been running then, and writes each window's outputs on their own.
 * Windows that an earlier run finished are skipped, so a killed backfill resumes where it stopped.
 * A window whose late-export days are not in the archive yet is written as incomplete and
 * evaluated again by the next run.
 *
 * <p>Each rule's tuning is applied in every window as in a hunt, with the exclusions that are
 * active on the UTC date the backfill starts.
 */
public final class Backfill {

    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The reason an incomplete window gives in the gaps file. */
    static final String INCOMPLETE_REASON = "late-export days missing";

    private final BackfillRequest request;
    private final Supplier<StreamExecutionEnvironment> environments;
    private final PrintStream console;

    /** One rule with its compiled query and tuning, and the windows of the range. */
    private record RulePlan(
            Rule rule, CompiledQuery query, RuleTuning tuning, List<Schedule.Window> windows) {}

    private Backfill(
            BackfillRequest request,
            Supplier<StreamExecutionEnvironment> environments,
            PrintStream console) {
        this.request = request;
        this.environments = environments;
        this.console = console;
    }

    /**
     * Runs the backfill.
     *
     * @param environments returns a new execution environment for each Flink job
     * @param console where progress lines go
     */
    public static BackfillReport run(
            BackfillRequest request,
            Supplier<StreamExecutionEnvironment> environments,
            PrintStream console)
            throws Exception {
        return new Backfill(request, environments, console).run();
    }

    private BackfillReport run() throws Exception {
        // Compile every rule and its tuning first, so that an unsupported query or exclusion
        // fails before any job starts.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<RulePlan> plans = new ArrayList<>();
        for (Rule rule : request.rules()) {
            CompiledQuery query = KqlCompiler.compile(rule.querySource());
            RuleTuning tuning =
                    request.tuning(rule)
                            .map(file -> RuleTuning.compile(file, query.columns(), today))
                            .orElse(RuleTuning.NONE);
            if (!tuning.applied().isEmpty()) {
                LOG.info("Rule {}: applying exclusions {}", rule.folder(), tuning.applied());
            }
            plans.add(
                    new RulePlan(
                            rule,
                            query,
                            tuning,
                            BackfillWindows.endingIn(
                                    rule.schedule(), request.from(), request.to())));
        }
        ArchiveIndex index = discover(plans);

        try (BackfillFolder folder = BackfillFolder.open(request.out())) {
            List<RuleWindows> sorted = new ArrayList<>();
            int pending = 0;
            for (RulePlan plan : plans) {
                RuleWindows windows = RuleWindows.sort(plan.rule(), plan.tuning(), plan.windows(),
                        index, folder, request.force());
                sorted.add(windows);
                pending += windows.pending().size();
            }
            ProgressPrinter progress = new ProgressPrinter(console, pending);
            List<BackfillReport.RuleReport> reports = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                reports.add(backfillRule(plans.get(i), sorted.get(i), index, folder, progress));
            }
            return new BackfillReport(reports);
        }
    }

    private ArchiveIndex discover(List<RulePlan> plans) throws IOException {
        Instant first = null;
        Instant last = null;
        for (RulePlan plan : plans) {
            for (Schedule.Window window : plan.windows()) {
                first = first == null || window.start().isBefore(first) ? window.start() : first;
                last = last == null || window.end().isAfter(last) ? window.end() : last;
            }
        }
        if (first == null) {
            throw new IllegalArgumentException(
                    "no schedule window ends between " + request.from() + " and " + request.to()
                            + "; widen --from/--to");
        }
        ArchiveIndex index =
                ArchiveIndex.discover(request.inputs(), first, last, request.maxExportDelay());
        SkippedEntries skipped = index.skipped();
        if (index.size() == 0) {
            throw new IllegalArgumentException(
                    "no Event files found for " + first + " to " + last + " in "
                            + request.inputs() + "; check --events and --from/--to"
                            + (skipped.total() > 0
                                    ? " (skipped " + skipped.total() + ": "
                                            + skipped.describe() + ")"
                                    : ""));
        }
        if (skipped.total() > 0) {
            LOG.info(
                    "Found {} files for windows from {} to {}, skipping {}: {}",
                    index.size(), first, last, skipped.total(), skipped.describe());
        } else {
            LOG.info("Found {} files for windows from {} to {}", index.size(), first, last);
        }
        return index;
    }

    private BackfillReport.RuleReport backfillRule(
            RulePlan plan,
            RuleWindows windows,
            ArchiveIndex index,
            BackfillFolder folder,
            ProgressPrinter progress)
            throws Exception {
        Rule rule = plan.rule();
        RuleTuning tuning = plan.tuning();
        progress.plan(
                rule.folder(),
                plan.windows().size(),
                windows.finished(),
                windows.gaps(),
                windows.pending().size(),
                windows.incomplete());
        writeGaps(folder, rule, windows);
        writeProgress(folder, rule, plan, windows, 0, 0);

        long recordsRead = 0;
        long matches = 0;
        long alerts = 0;
        Map<String, Long> excluded = new LinkedHashMap<>();
        for (String name : tuning.applied()) {
            excluded.put(name, 0L);
        }
        int evaluated = 0;
        List<BackfillReport.Incomplete> incomplete = new ArrayList<>();
        List<Schedule.Window> pending = windows.pending();
        for (int next = 0; next < pending.size(); next += request.windowsPerJob()) {
            List<Schedule.Window> batch =
                    pending.subList(next, Math.min(pending.size(), next + request.windowsPerJob()));
            List<WindowPlan> windowPlans = new ArrayList<>();
            for (Schedule.Window window : batch) {
                String name = BackfillWindows.name(window);
                windowPlans.add(
                        new WindowPlan(
                                window,
                                name,
                                index.filesFor(window),
                                index.ownFiles(window),
                                folder.stage(rule.folder(), name)));
            }
            BatchJob job = new BatchJob(rule, plan.query(), tuning.tuning(), windowPlans);
            LOG.info(
                    "Evaluating {} windows of {} from {} over {} files",
                    batch.size(),
                    rule.folder(),
                    windowPlans.get(0).name(),
                    job.files().size());
            BatchJob.Result result = job.run(environments.get());
            progress.batch(result.recordsRead());
            recordsRead += result.recordsRead();

            for (int i = 0; i < windowPlans.size(); i++) {
                WindowPlan window = windowPlans.get(i);
                WindowCounts counts = result.windows().get(i);
                List<LocalDate> missingLateDays = windows.missingLateDays(window.name());
                Files.writeString(
                        window.staging().resolve(BackfillFolder.SUMMARY_FILE),
                        WindowSummary.render(
                                rule,
                                tuning,
                                window.window(),
                                window.files().size(),
                                missingLateDays,
                                counts));
                folder.publish(window.staging(), rule.folder(), window.name());
                progress.window(rule.folder(), window.name(), counts, missingLateDays);
                if (!missingLateDays.isEmpty()) {
                    incomplete.add(new BackfillReport.Incomplete(window.name(), missingLateDays));
                }
                matches += counts.matches();
                alerts += counts.alerts();
                counts.excluded().forEach((name, count) -> excluded.merge(name, count, Long::sum));
                evaluated++;
            }
            writeProgress(folder, rule, plan, windows, evaluated, incomplete.size());
            progress.status();
        }
        return new BackfillReport.RuleReport(
                rule.folder(),
                plan.windows().size(),
                windows.finished(),
                evaluated,
                windows.gaps(),
                incomplete,
                recordsRead,
                matches,
                alerts,
                tuning.isPresent()
                        ? new BackfillReport.TuningReport(
                                tuning.file(), excluded, tuning.disabled(), tuning.expired())
                        : null);
    }

    /**
     * Updates the rule's gaps file: the gaps and incomplete windows of this range replace the
     * entries of the same windows, and the entries of other ranges stay. Gaps are not written,
     * and incomplete windows are written without the rows of their missing late-export days.
     */
    private void writeGaps(BackfillFolder folder, Rule rule, RuleWindows windows)
            throws IOException {
        Path file = folder.ruleDirectory(rule.folder()).resolve(BackfillFolder.GAPS_FILE);
        JsonNode previous =
                Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
        Map<String, JsonNode> gaps = otherRanges(previous.path("gaps"), windows);
        for (BackfillReport.Gap gap : windows.gaps()) {
            gaps.put(gap.window(), entry(gap.window(), null, "missingDays", gap.missingDays()));
        }
        Map<String, JsonNode> incomplete = otherRanges(previous.path("incomplete"), windows);
        for (BackfillReport.Incomplete window : windows.incomplete()) {
            incomplete.put(
                    window.window(),
                    entry(window.window(), INCOMPLETE_REASON, "missingLateDays",
                            window.missingLateDays()));
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("rule", rule.folder());
        root.putArray("gaps").addAll(gaps.values());
        root.putArray("incomplete").addAll(incomplete.values());
        folder.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    /** Returns the entries of a gaps file list by window, without the windows of this range. */
    private static Map<String, JsonNode> otherRanges(JsonNode entries, RuleWindows windows) {
        Map<String, JsonNode> byWindow = new TreeMap<>();
        for (JsonNode entry : entries) {
            byWindow.put(entry.path("window").asText(), entry);
        }
        for (Schedule.Window window : windows.all()) {
            byWindow.remove(BackfillWindows.name(window));
        }
        return byWindow;
    }

    private static ObjectNode entry(
            String window, String reason, String daysField, List<LocalDate> days) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("window", window);
        if (reason != null) {
            entry.put("reason", reason);
        }
        ArrayNode array = entry.putArray(daysField);
        for (LocalDate day : days) {
            array.add(day.toString());
        }
        return entry;
    }

    private void writeProgress(
            BackfillFolder folder,
            Rule rule,
            RulePlan plan,
            RuleWindows windows,
            int evaluated,
            int incomplete)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("rule", rule.folder());
        root.put("ruleId", rule.id());
        root.put("ruleVersion", rule.version());
        root.put("from", request.from().toString());
        root.put("to", request.to().toString());
        root.put("windows", plan.windows().size());
        root.put("finished", windows.finished() + evaluated - incomplete);
        root.put("incomplete", incomplete);
        root.put("gaps", windows.gaps().size());
        root.put("pending", windows.pending().size() - evaluated);
        if (plan.tuning().isPresent()) {
            ObjectNode tuning = root.putObject("tuning");
            tuning.put("file", plan.tuning().file());
            plan.tuning().applied().forEach(tuning.putArray("applied")::add);
            plan.tuning().disabled().forEach(tuning.putArray("disabled")::add);
            plan.tuning().expired().forEach(tuning.putArray("expired")::add);
        }
        root.put("updatedAt", Instant.now().toString());
        folder.writeAtomically(
                folder.ruleDirectory(rule.folder()).resolve(BackfillFolder.PROGRESS_FILE),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
