package dev.kqlhunt.stream;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;

import dev.kqlhunt.events.EventSchema;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Event time of {@code Event} rows: their {@code TimeGenerated}, with a watermark that trails the
 * latest time seen by the allowed delay.
 */
final class EventTimeWatermarks {

    private static final int TIME_POSITION =
            EventSchema.column(EventSchema.TIME_GENERATED).orElseThrow().index();

    private EventTimeWatermarks() {}

    /**
     * Returns a strategy for rows read by one source subtask. A subtask that reads nothing for
     * {@code idleTimeout} is marked idle, so that a silent partition or an empty directory does
     * not hold the watermark, and with it every window, back.
     */
    static WatermarkStrategy<Row> of(Duration maxDelay, Duration idleTimeout) {
        return WatermarkStrategy.<Row>forBoundedOutOfOrderness(maxDelay)
                .withTimestampAssigner((row, previous) -> epochMillis(row))
                .withIdleness(idleTimeout);
    }

    /**
     * Returns the strategy of {@link #of} for the output of {@link
     * dev.kqlhunt.events.ParseTimedEvents}: Event rows, and the times of skipped records.
     */
    static WatermarkStrategy<Either<Row, Long>> ofTimed(Duration maxDelay, Duration idleTimeout) {
        return WatermarkStrategy.<Either<Row, Long>>forBoundedOutOfOrderness(maxDelay)
                .withTimestampAssigner(
                        (parsed, previous) ->
                                parsed.isLeft() ? epochMillis(parsed.left()) : parsed.right())
                .withIdleness(idleTimeout);
    }

    static long epochMillis(Row row) {
        LocalDateTime time = (LocalDateTime) row.getField(TIME_POSITION);
        return time.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
