package dev.kqlhunt.stream;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import dev.kqlhunt.alerts.AlertInput;
import dev.kqlhunt.output.KqlTime;
import dev.kqlhunt.rule.Schedule;

/**
 * Marks schedule windows that hold {@code Event} rows, so that a trigger such as {@code lt 1} can
 * fire for a window without results. Each subtask remembers only the frequency step of its last
 * row, so memory stays constant on an endless stream: rows that go back and forth across a step
 * boundary send a few extra ticks, which count no result.
 */
final class EmptyWindowTicks implements FlatMapFunction<Row, AlertInput> {

    private static final long serialVersionUID = 1L;

    private final long frequencyMillis;
    private long lastStep = Long.MIN_VALUE;

    EmptyWindowTicks(Schedule schedule) {
        this.frequencyMillis = schedule.frequencyMillis();
    }

    @Override
    public void flatMap(Row row, Collector<AlertInput> out) {
        long millis = EventTimeWatermarks.epochMillis(row);
        long step = Math.floorDiv(millis, frequencyMillis);
        if (step != lastStep) {
            lastStep = step;
            out.collect(AlertInput.tick(millis * KqlTime.TICKS_PER_MILLI));
        }
    }
}
