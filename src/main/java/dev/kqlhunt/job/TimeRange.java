package dev.kqlhunt.job;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.types.Row;

import dev.kqlhunt.events.EventSchema;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Keeps the {@code Event} rows whose {@code TimeGenerated} lies in [from, to). */
final class TimeRange extends RichFilterFunction<Row> {

    private static final int TIME_POSITION =
            EventSchema.column(EventSchema.TIME_GENERATED).orElseThrow().index();

    private final LocalDateTime from;
    private final LocalDateTime to;
    private transient LongCounter outside;

    private TimeRange(Instant from, Instant to) {
        this.from = from == null ? null : LocalDateTime.ofInstant(from, ZoneOffset.UTC);
        this.to = to == null ? null : LocalDateTime.ofInstant(to, ZoneOffset.UTC);
    }

    /** Returns {@code events} unchanged when neither bound is set. */
    static DataStream<Row> filter(DataStream<Row> events, Instant from, Instant to) {
        if (from == null && to == null) {
            return events;
        }
        return events.filter(new TimeRange(from, to)).name("TimeGenerated in range");
    }

    @Override
    public void open(OpenContext openContext) {
        outside = new LongCounter();
        getRuntimeContext().addAccumulator(HuntCounters.ROWS_OUTSIDE_RANGE, outside);
    }

    @Override
    public boolean filter(Row row) {
        LocalDateTime time = (LocalDateTime) row.getField(TIME_POSITION);
        boolean inside = (from == null || !time.isBefore(from)) && (to == null || time.isBefore(to));
        if (!inside) {
            outside.add(1);
        }
        return inside;
    }
}
