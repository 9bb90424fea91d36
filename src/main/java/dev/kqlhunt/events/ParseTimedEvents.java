package dev.kqlhunt.events;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses raw records as {@link ParseEvents} does, with the same counters and rejections, and
 * also sends on the event time of the records that the prefilter skips: each Event row as a
 * {@code Left}, and the latest valid {@code TimeGenerated} of each skipped record as a {@code
 * Right} in epoch milliseconds.
 *
 * <p>A streaming job assigns its watermarks over both, so that skipping records does not slow
 * the watermark down, and then drops the times. A skipped record is only checked to be valid
 * JSON, so its time counts even when another of its columns would have rejected it.
 */
public final class ParseTimedEvents extends ProcessFunction<RawRecord, Either<Row, Long>> {

    private static final long serialVersionUID = 1L;

    /** Type of the output: Event rows typed as {@link ParseEvents#ROW_TYPE}, or epoch millis. */
    public static final TypeInformation<Either<Row, Long>> TYPE =
            new EitherTypeInfo<>(ParseEvents.ROW_TYPE, Types.LONG);

    private final CountingParser parser;

    /** Skips the records that {@code prefilter} rules out, sending their times on. */
    public ParseTimedEvents(LinePrefilter prefilter) {
        if (prefilter == null) {
            throw new IllegalArgumentException("a prefilter is required: use ParseEvents");
        }
        this.parser = new CountingParser(prefilter, true);
    }

    @Override
    public void open(OpenContext openContext) {
        parser.open(getRuntimeContext());
    }

    @Override
    public void processElement(
            RawRecord raw, Context context, Collector<Either<Row, Long>> out) {
        parser.process(
                raw,
                new CountingParser.Output() {
                    @Override
                    public void row(Row row) {
                        out.collect(Either.Left(row));
                    }

                    @Override
                    public void rejection(Rejection rejection) {
                        context.output(ParseEvents.REJECTIONS, rejection);
                    }

                    @Override
                    public void skippedTime(LocalDateTime time) {
                        out.collect(Either.Right(time.toInstant(ZoneOffset.UTC).toEpochMilli()));
                    }
                });
    }
}
