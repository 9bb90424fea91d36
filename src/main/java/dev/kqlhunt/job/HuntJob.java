package dev.kqlhunt.job;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.expressions.Expression;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

import dev.kqlhunt.alerts.Alert;
import dev.kqlhunt.alerts.AlertInput;
import dev.kqlhunt.alerts.AlertJson;
import dev.kqlhunt.events.ArchiveFiles;
import dev.kqlhunt.events.EventArchive;
import dev.kqlhunt.events.ExportFileFormat;
import dev.kqlhunt.events.RawRecord;
import dev.kqlhunt.events.Rejection;
import dev.kqlhunt.events.SkippedEntries;
import dev.kqlhunt.kql.CompiledQuery;
import dev.kqlhunt.kql.KqlCompiler;
import dev.kqlhunt.kql.OutputColumn;
import dev.kqlhunt.output.Counts;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.tuning.CountExclusions;
import dev.kqlhunt.tuning.Tuning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.apache.flink.table.api.Expressions.$;

/**
 * The batch hunt: reads an archive once, evaluates every rule over it and writes each rule's
 * results, the alerts and the rejected lines.
 */
public final class HuntJob {

    private static final Logger LOG = LoggerFactory.getLogger(HuntJob.class);

    /** Name of the hidden column that carries each result's source {@code TimeGenerated}. */
    static final String EVENT_TIME = CompiledQuery.EVENT_TIME_COLUMN;

    private HuntJob() {}

    /**
     * Compiles every rule and binds its entity mappings, so that a rule the hunt cannot run is
     * reported before any output is written or a job starts.
     */
    public static void validate(List<Rule> rules) {
        for (Rule rule : rules) {
            ResultRows.of(rule, KqlCompiler.compile(rule.querySource()).columns());
        }
    }

    /**
     * Adds the hunt to {@code env} and returns the compiled queries, one per rule. Every rule is
     * compiled before anything is added, so that an unsupported query fails before a job starts.
     */
    public static List<CompiledQuery> build(
            StreamExecutionEnvironment env, HuntRequest request, List<Path> files) {
        List<CompiledQuery> queries =
                request.rules().stream().map(rule -> KqlCompiler.compile(rule.querySource()))
                        .toList();
        List<ResultRows> resultRows =
                java.util.stream.IntStream.range(0, queries.size())
                        .mapToObj(i -> ResultRows.of(request.rules().get(i), queries.get(i).columns()))
                        .toList();

        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        StreamTableEnvironment tableEnv = TableEnvironments.create(env);

        FileSource<RawRecord> source =
                EventArchive.source(files, new ExportFileFormat(request.maxLineBytes()));
        EventArchive.Parsed parsed =
                EventArchive.parse(
                        env.fromSource(source, WatermarkStrategy.noWatermarks(), "Event archive"),
                        HuntPrefilter.of(request));
        parsed.rejections()
                .map(Rejection::toJson)
                .name("Render rejected lines")
                .sinkTo(JsonFileSink.into(request.rejectedDirectory()))
                .name("Rejected lines");

        DataStream<Row> events = TimeRange.filter(parsed.rows(), request.from(), request.to());
        tableEnv.createTemporaryView("Event", tableEnv.fromDataStream(events));

        for (int i = 0; i < queries.size(); i++) {
            addRule(tableEnv, events, request, request.rules().get(i), queries.get(i),
                    resultRows.get(i));
        }
        return queries;
    }

    private static void addRule(
            StreamTableEnvironment tableEnv,
            DataStream<Row> events,
            HuntRequest request,
            Rule rule,
            CompiledQuery query,
            ResultRows rows) {
        Tuning tuning =
                request.tuning(rule)
                        .map(file -> Tuning.compile(file, query.columns(), today()))
                        .orElse(Tuning.NONE);
        Tuning.Split split = tuning.split(Detection.results(tableEnv, query));
        Table results = split.kept().orderBy(resultOrder(query));
        DataStream<Row> resultStream = tableEnv.toDataStream(results);

        resultStream
                .map(new CountingJson(rows, HuntCounters.matches(rule.folder())))
                .setParallelism(1)
                .name("Render results: " + rule.name())
                .sinkTo(JsonFileSink.into(request.matchesDirectory(rule)))
                .setParallelism(1)
                .name("Results: " + rule.name());

        DataStream<AlertInput> alertInputs =
                resultStream.map(rows::toAlertInput).name("Entities: " + rule.name());
        if (split.excluded() != null) {
            LOG.info("Rule {}: applying exclusions {}", rule.name(), tuning.names());
            alertInputs =
                    alertInputs.union(
                            CountExclusions.alertInputs(tableEnv, split.excluded(), rule, tuning));
        }
        if (rule.triggerOperator().firesOnEmptyWindow(rule.triggerThreshold())) {
            alertInputs = alertInputs.union(WindowTicks.of(events, rule.schedule()));
        }
        DataStream<Alert> alerts = Detection.alerts(alertInputs, rule);
        alerts.map(AlertJson::render)
                .name("Render alerts: " + rule.name())
                .sinkTo(JsonFileSink.into(request.alertsDirectory()))
                .name("Alerts");
        LOG.debug("Rule {} compiled to:\n{}", rule.name(), query.sql());
    }

    /** Returns today's UTC date, which decides whether a tuning exclusion has expired. */
    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /**
     * Orders results by source time, then by every output column, so that the results file of a
     * hunt is the same on every run.
     */
    public static Expression[] resultOrder(CompiledQuery query) {
        List<Expression> order = new ArrayList<>();
        order.add($(EVENT_TIME).asc());
        for (OutputColumn column : query.columns()) {
            order.add($(column.name()).asc());
        }
        return order.toArray(Expression[]::new);
    }

    /**
     * Lists the export files of the request's inputs and logs how many are read and what was left
     * out, by reason.
     *
     * @throws IllegalArgumentException if no export file is found, with the reasons entries were
     *     left out
     */
    public static ArchiveFiles.Discovery discover(HuntRequest request) throws IOException {
        ArchiveFiles.Discovery discovery =
                ArchiveFiles.discover(
                        request.inputs(), request.from(), request.to(), request.maxExportDelay());
        SkippedEntries skipped = SkippedEntries.of(discovery.skipped());
        if (discovery.files().isEmpty()) {
            throw new IllegalArgumentException(
                    "no Event files found in " + request.inputs()
                            + " (export file names end in .json, .jsonl or .ndjson, optionally"
                            + " followed by .gz)"
                            + (skipped.total() > 0
                                    ? "; skipped " + skipped.total() + ": " + skipped.describe()
                                    : ""));
        }
        if (skipped.total() > 0) {
            LOG.info(
                    "Reading {}, skipping {}: {}",
                    Counts.of(discovery.files().size(), "file"),
                    skipped.total(),
                    skipped.describe());
        } else {
            LOG.info("Reading {}", Counts.of(discovery.files().size(), "file"));
        }
        return discovery;
    }

    /**
     * Runs the hunt over the files and unlisted folders of {@code discovery} and returns Flink's
     * result, which contains the counters.
     */
    public static JobExecutionResult run(
            StreamExecutionEnvironment env, HuntRequest request, ArchiveFiles.Discovery discovery)
            throws Exception {
        build(env, request, discovery.toRead());
        return env.execute("kql-hunt hunt");
    }
}
