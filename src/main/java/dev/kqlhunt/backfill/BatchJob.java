package dev.kqlhunt.backfill;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

import dev.kqlhunt.alerts.Alert;
import dev.kqlhunt.alerts.AlertInput;
import dev.kqlhunt.alerts.AlertJson;
import dev.kqlhunt.events.EventArchive;
import dev.kqlhunt.events.EventSchema;
import dev.kqlhunt.events.Rejection;
import dev.kqlhunt.job.Detection;
import dev.kqlhunt.job.HuntCounters;
import dev.kqlhunt.job.HuntJob;
import dev.kqlhunt.job.JsonFileSink;
import dev.kqlhunt.job.ResultRows;
import dev.kqlhunt.job.TableEnvironments;
import dev.kqlhunt.kql.CompiledQuery;
import dev.kqlhunt.output.KqlTime;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.Schedule;
import dev.kqlhunt.tuning.CountExclusions;
import dev.kqlhunt.tuning.Tuning;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Flink job that evaluates a rule for a batch of windows. The job reads the union of the
 * windows' files once; each window then gets its own copy of the query over the rows of its own
 * time range, so that aggregations and joins see exactly one window's rows, as a scheduled run
 * would. Each window writes into its own staging folder.
 *
 * <p>The rule's tuning splits each window's results as in a hunt: excluded results are counted
 * per exclusion and window, and neither appear in the window's matches nor count toward its
 * trigger.
 *
 * <p>NOTE: a window takes its rows by {@code TimeGenerated} from every file the job reads, so a
 * row exported later than the window's {@code --max-export-delay} still counts when a later
 * window of the same job reads its partition; for such rows the result depends on
 * {@code --windows-per-job}.
 */
final class BatchJob {

    private static final int TIME_POSITION =
            EventSchema.column(EventSchema.TIME_GENERATED).orElseThrow().index();

    /** Name the compiled query reads its rows from. */
    private static final String EVENT_VIEW = "Event";

    private final Rule rule;
    private final CompiledQuery query;
    private final ResultRows resultRows;
    private final Tuning tuning;
    private final List<WindowPlan> windows;

    BatchJob(Rule rule, CompiledQuery query, Tuning tuning, List<WindowPlan> windows) {
        this.rule = rule;
        this.query = query;
        this.resultRows = ResultRows.of(rule, query.columns());
        this.tuning = tuning;
        this.windows = List.copyOf(windows);
    }

    /** Returns the files the job reads: every file of every window, once. */
    List<Path> files() {
        Set<Path> files = new TreeSet<>();
        for (WindowPlan window : windows) {
            files.addAll(window.files());
        }
        return new ArrayList<>(files);
    }

    /** Runs the job and returns each window's counts, in the order of the windows. */
    Result run(StreamExecutionEnvironment env) throws Exception {
        build(env);
        JobExecutionResult result =
                env.execute(
                        "kql-hunt backfill " + rule.folder() + " " + windows.get(0).name()
                                + " (" + windows.size() + " windows)");
        List<WindowCounts> counts = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            Map<String, Long> excluded = new LinkedHashMap<>();
            for (String name : tuning.names()) {
                excluded.put(name, counter(result, excludedCounterName(i, name)));
            }
            counts.add(
                    new WindowCounts(
                            counter(result, counterName(i, "rows")),
                            counter(result, counterName(i, "matches")),
                            counter(result, counterName(i, "alerts")),
                            counter(result, counterName(i, "rejected")),
                            excluded));
        }
        return new Result(counter(result, HuntCounters.RECORDS_READ), counts);
    }

    /**
     * The counts of one job.
     *
     * @param recordsRead records read from the job's files, slack included
     */
    record Result(long recordsRead, List<WindowCounts> windows) {}

    void build(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        StreamTableEnvironment tableEnv = TableEnvironments.create(env);
        EventArchive.Parsed parsed =
                EventArchive.parse(
                        env.fromSource(
                                EventArchive.source(files()),
                                WatermarkStrategy.noWatermarks(),
                                "Event archive"));
        for (int i = 0; i < windows.size(); i++) {
            addWindow(env, tableEnv, parsed, i);
        }
    }

    private void addWindow(
            StreamExecutionEnvironment env,
            StreamTableEnvironment tableEnv,
            EventArchive.Parsed parsed,
            int index) {
        WindowPlan plan = windows.get(index);
        Schedule.Window window = plan.window();
        LocalDateTime start = LocalDateTime.ofInstant(window.start(), ZoneOffset.UTC);
        LocalDateTime end = LocalDateTime.ofInstant(window.end(), ZoneOffset.UTC);
        DataStream<Row> rows =
                parsed.rows()
                        .filter(
                                new CountingFilter<Row>(
                                        counterName(index, "rows"),
                                        row -> inRange(row, start, end)))
                        .name("TimeGenerated in " + plan.name());

        // The query resolves the view when it is planned, so the next window can register its
        // own rows under the same name.
        tableEnv.createTemporaryView(EVENT_VIEW, tableEnv.fromDataStream(rows));
        Tuning.Split split = tuning.split(Detection.results(tableEnv, query));
        Table results = split.kept().orderBy(HuntJob.resultOrder(query));
        tableEnv.dropTemporaryView(EVENT_VIEW);
        DataStream<Row> resultStream = tableEnv.toDataStream(results);

        ResultRows render = resultRows;
        resultStream
                .filter(new CountingFilter<Row>(counterName(index, "matches"), row -> true))
                .setParallelism(1)
                .map(render::toJson)
                .setParallelism(1)
                .name("Render results " + plan.name())
                .sinkTo(JsonFileSink.into(plan.matchesDirectory()))
                .setParallelism(1)
                .name("Results " + plan.name());

        DataStream<AlertInput> alertInputs =
                resultStream.map(render::toAlertInput).name("Entities " + plan.name());
        if (split.excluded() != null) {
            // Excluded results reach the alert window only to be counted per exclusion.
            alertInputs =
                    alertInputs.union(
                            tableEnv.toDataStream(split.excluded())
                                    .map(
                                            new CountExclusions(
                                                    tuning.names(),
                                                    name -> excludedCounterName(index, name)))
                                    .name("Excluded by tuning " + plan.name()));
        }
        if (rule.triggerOperator().firesOnEmptyWindow(rule.triggerThreshold())) {
            // The window has input, so a trigger such as `lt 1` may fire without results.
            alertInputs =
                    alertInputs.union(
                            env.fromData(
                                    AlertInput.tick(
                                            window.startMillis() * KqlTime.TICKS_PER_MILLI)));
        }
        // A hopping window's rows also open the neighbouring windows; keep this one's alert.
        Detection.alerts(alertInputs, rule)
                .filter(
                        new CountingFilter<Alert>(
                                counterName(index, "alerts"),
                                alert -> alert.window().equals(window)))
                .map(AlertJson::render)
                .name("Render alerts " + plan.name())
                .sinkTo(JsonFileSink.into(plan.alertsDirectory()))
                .name("Alerts " + plan.name());

        Set<String> ownFiles = new HashSet<>();
        for (Path file : plan.ownFiles()) {
            ownFiles.add(sourceName(file));
        }
        parsed.rejections()
                .filter(
                        new CountingFilter<Rejection>(
                                counterName(index, "rejected"),
                                rejection -> ownFiles.contains(rejection.file())))
                .map(Rejection::toJson)
                .name("Render rejected lines " + plan.name())
                .sinkTo(JsonFileSink.into(plan.rejectedDirectory()))
                .name("Rejected lines " + plan.name());
    }

    private static boolean inRange(Row row, LocalDateTime start, LocalDateTime end) {
        LocalDateTime time = (LocalDateTime) row.getField(TIME_POSITION);
        return !time.isBefore(start) && time.isBefore(end);
    }

    /** Returns the name the file source gives {@code file} in records and rejections. */
    static String sourceName(Path file) {
        return new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()).toString();
    }

    private static String counterName(int window, String what) {
        return "kqlhunt.backfill.window-" + window + "." + what;
    }

    private static String excludedCounterName(int window, String exclusion) {
        return counterName(window, "excluded." + exclusion);
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAllAccumulatorResults().get(name);
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
