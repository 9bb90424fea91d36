package dev.kqlhunt.job;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import dev.kqlhunt.alerts.AlertInput;
import dev.kqlhunt.events.EventSchema;
import dev.kqlhunt.output.KqlTime;
import dev.kqlhunt.rule.Schedule;

import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * Marks every schedule window that holds at least one {@code Event} row, so that a trigger such as
 * {@code lt 1} can fire for a window without results. Each parallel instance sends one tick per
 * window it sees, not one per row.
 */
final class WindowTicks implements FlatMapFunction<Row, AlertInput> {

    private static final int TIME_POSITION =
            EventSchema.column(EventSchema.TIME_GENERATED).orElseThrow().index();

    private final Schedule schedule;
    private transient Set<Long> seen;

    private WindowTicks(Schedule schedule) {
        this.schedule = schedule;
    }

    static DataStream<AlertInput> of(DataStream<Row> events, Schedule schedule) {
        return events.flatMap(new WindowTicks(schedule)).name("Evaluated windows");
    }

    @Override
    public void flatMap(Row row, Collector<AlertInput> out) {
        if (seen == null) {
            seen = new HashSet<>();
        }
        long ticks = KqlTime.ticks((LocalDateTime) row.getField(TIME_POSITION));
        long windowStart =
                Math.floorDiv(KqlTime.toEpochMillis(ticks), schedule.frequencyMillis())
                        * schedule.frequencyMillis();
        if (seen.add(windowStart)) {
            out.collect(AlertInput.tick(ticks));
        }
    }
}
