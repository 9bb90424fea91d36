package dev.kqlhunt.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import dev.kqlhunt.alerts.Alert;
import dev.kqlhunt.alerts.AlertAggregate;
import dev.kqlhunt.alerts.AlertInput;
import dev.kqlhunt.alerts.AlertTrigger;
import dev.kqlhunt.kql.CompiledQuery;
import dev.kqlhunt.output.KqlTime;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.Schedule;

/**
 * The detection as pure functions: the compiled query from the {@code Event} table to the rule's
 * results, and the rule's schedule from results to alerts. Sources and sinks are wired elsewhere.
 */
public final class Detection {

    private Detection() {}

    /** Returns the rule's results: the KQL output columns plus the hidden event-time column. */
    public static Table results(StreamTableEnvironment tableEnv, CompiledQuery query) {
        return tableEnv.sqlQuery(query.sql());
    }

    /**
     * Groups results into the rule's schedule windows on {@code TimeGenerated} and returns one
     * alert for each window whose result count satisfies the trigger.
     */
    public static DataStream<Alert> alerts(DataStream<AlertInput> inputs, Rule rule) {
        String key = rule.folder();
        WindowedStream<AlertInput, String, TimeWindow> windows =
                inputs.assignTimestampsAndWatermarks(
                                WatermarkStrategy.<AlertInput>forMonotonousTimestamps()
                                        .withTimestampAssigner(
                                                (input, previous) ->
                                                        KqlTime.toEpochMillis(input.ticks)))
                        .keyBy(input -> key)
                        .window(assigner(rule.schedule()));
        return windows.aggregate(new AlertAggregate(), new AlertTrigger(rule))
                .name("Alerts: " + rule.name());
    }

    private static org.apache.flink.streaming.api.windowing.assigners.WindowAssigner<
                    Object, TimeWindow>
            assigner(Schedule schedule) {
        if (schedule.isTumbling()) {
            return TumblingEventTimeWindows.of(schedule.period());
        }
        return SlidingEventTimeWindows.of(schedule.period(), schedule.frequency());
    }
}
