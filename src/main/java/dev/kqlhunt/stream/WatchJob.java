package dev.kqlhunt.stream;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import dev.kqlhunt.alerts.AlertInput;
import dev.kqlhunt.events.EventArchive;
import dev.kqlhunt.events.LinePrefilter;
import dev.kqlhunt.events.ParseEvents;
import dev.kqlhunt.events.ParseTimedEvents;
import dev.kqlhunt.events.RawRecord;
import dev.kqlhunt.events.Rejection;
import dev.kqlhunt.job.CountingJson;
import dev.kqlhunt.job.Detection;
import dev.kqlhunt.job.HuntCounters;
import dev.kqlhunt.job.HuntPrefilter;
import dev.kqlhunt.job.ResultRows;
import dev.kqlhunt.job.TableEnvironments;
import dev.kqlhunt.kql.CompiledQuery;
import dev.kqlhunt.kql.KqlCompiler;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.tuning.CountExclusions;
import dev.kqlhunt.tuning.Tuning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The continuous evaluation: reads an endless stream of export records, evaluates every rule's
 * compiled SQL over it in Flink's STREAMING mode, writes each result as soon as it is seen and
 * each window's alert once the watermark closes the window.
 *
 * <p>As in a hunt, a record that no rule can match is skipped without reading its columns (see
 * {@link HuntPrefilter}), unless the request turns the prefilter off. Watermarks are assigned
 * right after parsing, from the {@code TimeGenerated} of the {@code Event} rows and of the
 * skipped records. The {@code Event} view declares them as its source watermark, so that they pass
 * through the SQL part, which is a plain filter and projection and needs no time attribute, to
 * the alert windows. Those windows read each result's time from its {@code __event_time} column,
 * not from the stream record.
 *
 * <p>Each rule's tuning splits its results as in a hunt: only kept results are written to the
 * matches, and excluded ones reach the alert windows as counts per exclusion, which do not count
 * toward the trigger. A late excluded result amends its window's alert as a late kept result
 * does, so the new revision shows the higher {@code Excluded By Tuning} count.
 */
public final class WatchJob {

    private static final Logger LOG = LoggerFactory.getLogger(WatchJob.class);

    /** Hidden column of the streaming {@code Event} view: the row's time, for the watermark. */
    static final String ROWTIME = "__rowtime";

    private WatchJob() {}

    /**
     * Adds the evaluation to {@code env} and returns the compiled queries, one per rule. Every rule
     * is compiled before anything is added, so that an unsupported query fails before a job
     * starts.
     */
    public static List<CompiledQuery> build(StreamExecutionEnvironment env, WatchRequest request) {
        List<CompiledQuery> queries = new ArrayList<>();
        List<ResultRows> resultRows = new ArrayList<>();
        for (Rule rule : request.rules()) {
            CompiledQuery query = KqlCompiler.compile(rule.querySource());
            queries.add(query);
            resultRows.add(ResultRows.of(rule, query.columns()));
        }

        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        StreamTableEnvironment tableEnv = TableEnvironments.create(env);

        DataStream<RawRecord> records =
                env.fromSource(
                        EventSources.of(request.input()),
                        WatermarkStrategy.noWatermarks(),
                        "Event records")
                        .uid("event-records");
        LinePrefilter prefilter = request.prefilter() ? HuntPrefilter.of(request.rules()) : null;
        if (!request.prefilter()) {
            LOG.info("Prefilter off: every record is parsed and validated");
        }
        SingleOutputStreamOperator<Row> rows =
                prefilter == null
                        ? parseEveryRecord(records, request)
                        : parseWithPrefilter(records, prefilter, request);
        addWatermarkProbe(rows);
        tableEnv.createTemporaryView("Event", eventTable(tableEnv, rows));

        // As in a hunt, exclusions are chosen once, by the UTC date at the start.
        // NOTE: an exclusion that expires while the job runs stays applied until the job is
        // restarted, from a savepoint or afresh.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        DataStream<String> alerts = null;
        for (int i = 0; i < queries.size(); i++) {
            DataStream<String> ruleAlerts =
                    addRule(tableEnv, rows, request, request.rules().get(i), queries.get(i),
                            resultRows.get(i), today);
            alerts = alerts == null ? ruleAlerts : alerts.union(ruleAlerts);
        }
        alerts.sinkTo(RollingJsonSink.into(request.alertsDirectory()))
                .name("Alerts")
                .uid("alerts");
        if (request.alertsKafka() != null) {
            alerts.sinkTo(AlertsKafkaSink.of(request.alertsKafka()))
                    .name("Alerts to Kafka")
                    .uid("alerts-to-kafka");
        }
        return queries;
    }

    private static SingleOutputStreamOperator<Row> parseEveryRecord(
            DataStream<RawRecord> records, WatchRequest request) {
        EventArchive.Parsed parsed = EventArchive.parse(records);
        addRejectedLines(parsed.rejections(), request);
        return parsed.rows()
                .assignTimestampsAndWatermarks(
                        EventTimeWatermarks.of(request.maxDelay(), request.idleTimeout()))
                .name("Watermarks on TimeGenerated");
    }

    /**
     * Parses the records that {@code prefilter} lets through. The watermarks are assigned over
     * the skipped records' times too, then the times are dropped, so that the watermark advances
     * as it does when every record is parsed. Parsing, watermarks and the drop run chained in one
     * task.
     */
    private static SingleOutputStreamOperator<Row> parseWithPrefilter(
            DataStream<RawRecord> records, LinePrefilter prefilter, WatchRequest request) {
        SingleOutputStreamOperator<Either<Row, Long>> parsed =
                records.process(new ParseTimedEvents(prefilter), ParseTimedEvents.TYPE)
                        .name("Parse Event rows");
        addRejectedLines(parsed.getSideOutput(ParseEvents.REJECTIONS), request);
        return parsed.assignTimestampsAndWatermarks(
                        EventTimeWatermarks.ofTimed(request.maxDelay(), request.idleTimeout()))
                .name("Watermarks on TimeGenerated")
                .flatMap(WatchJob::keepRow, ParseEvents.ROW_TYPE)
                .name("Event rows");
    }

    private static void keepRow(Either<Row, Long> parsed, Collector<Row> out) {
        if (parsed.isLeft()) {
            out.collect(parsed.left());
        }
    }

    private static void addRejectedLines(DataStream<Rejection> rejections, WatchRequest request) {
        rejections
                .map(Rejection::toJson)
                .name("Render rejected lines")
                .sinkTo(RollingJsonSink.into(request.rejectedDirectory()))
                .name("Rejected lines")
                .uid("rejected-lines");
    }

    private static Table eventTable(StreamTableEnvironment tableEnv, DataStream<Row> rows) {
        // SOURCE_WATERMARK() makes the view forward the DataStream's watermarks: without a
        // declared watermark, Flink's conversion operator drops them.
        Schema schema =
                Schema.newBuilder()
                        .columnByMetadata(ROWTIME, DataTypes.TIMESTAMP_LTZ(3), "rowtime")
                        .watermark(ROWTIME, "SOURCE_WATERMARK()")
                        .build();
        return tableEnv.fromDataStream(rows, schema);
    }

    private static void addWatermarkProbe(DataStream<Row> rows) {
        rows.filter(row -> false)
                .name("Watermark only")
                .transform("Watermark probe", org.apache.flink.api.common.typeinfo.Types.VOID,
                        new WatermarkProbe())
                .uid("watermark-probe")
                .setParallelism(1)
                .sinkTo(new DiscardingSink<>())
                .setParallelism(1)
                .name("Watermark probe end");
    }

    private static DataStream<String> addRule(
            StreamTableEnvironment tableEnv,
            DataStream<Row> events,
            WatchRequest request,
            Rule rule,
            CompiledQuery query,
            ResultRows rows,
            LocalDate today) {
        LOG.debug("Rule {} compiled to:\n{}", rule.name(), query.sql());
        Tuning tuning =
                request.tuning(rule)
                        .map(file -> Tuning.compile(file, query.columns(), today))
                        .orElse(Tuning.NONE);
        // Active exclusions and the prefilter add stateless operators, so every operator with
        // state has a uid: a savepoint then restores whichever of them the resumed job uses.
        Tuning.Split split = tuning.split(Detection.results(tableEnv, query));
        DataStream<Row> resultStream = tableEnv.toDataStream(split.kept());

        resultStream
                .map(new CountingJson(rows, HuntCounters.matches(rule.folder())))
                .name("Render results: " + rule.name())
                .sinkTo(RollingJsonSink.into(request.matchesDirectory(rule)))
                .name("Results: " + rule.name())
                .uid("results-" + rule.folder());

        DataStream<AlertInput> alertInputs =
                resultStream.map(rows::toAlertInput).name("Entities: " + rule.name());
        if (split.excluded() != null) {
            LOG.info("Rule {}: applying exclusions {}", rule.name(), tuning.names());
            alertInputs =
                    alertInputs.union(
                            CountExclusions.alertInputs(tableEnv, split.excluded(), rule, tuning));
        }
        if (rule.triggerOperator().firesOnEmptyWindow(rule.triggerThreshold())) {
            alertInputs =
                    alertInputs.union(
                            events.flatMap(new EmptyWindowTicks(rule.schedule()))
                                    .name("Evaluated windows: " + rule.name())
                                    .uid("evaluated-windows-" + rule.folder()));
        }
        String key = rule.folder();
        return alertInputs
                .keyBy(input -> key)
                .process(new WindowAlerts(rule, request.lateRetention()))
                .name("Alert windows: " + rule.name())
                .uid("alert-windows-" + rule.folder())
                .map(AlertRevisionJson::render)
                .name("Render alerts: " + rule.name());
    }
}
