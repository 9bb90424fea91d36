package dev.kqlhunt.events;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.LocalDateTime;

/**
 * Parses raw records into Event rows and sends rejections to {@link #REJECTIONS}.
 *
 * <p>A record is a line, an element of a JSON array file, or an element of an Event Hubs
 * {@code {"records": [...]}} line. Each record read is counted once: as evaluated (it gave a row,
 * or it is an empty envelope), as rejected or, with a {@link LinePrefilter}, as skipped: a
 * record that no rule can match is only checked to be one valid JSON object, and its columns are
 * not read, so that {@link #RECORDS_READ} = {@link #RECORDS_EVALUATED} + {@link
 * #RECORDS_REJECTED} + {@link #RECORDS_SKIPPED}; {@link #ROWS} counts the rows. An envelope line
 * that is not valid JSON counts as one record. Each rejected record
 * is also counted once under its {@link RejectionCategory}, in the accumulator that {@link
 * #rejectedIn} names.
 */
public final class ParseEvents extends ProcessFunction<RawRecord, Row> {

    private static final long serialVersionUID = 1L;

    /** Accumulator names, reported in a hunt's summary. */
    public static final String RECORDS_READ = "kqlhunt.records-read";

    public static final String RECORDS_EVALUATED = "kqlhunt.records-evaluated";
    public static final String RECORDS_REJECTED = "kqlhunt.records-rejected";
    public static final String ROWS = "kqlhunt.rows";
    public static final String RECORDS_SKIPPED = "kqlhunt.records-skipped-by-prefilter";

    private static final String REJECTED_PREFIX = "kqlhunt.records-rejected.";

    /** Type of the rows, so they convert to a Table with the Event schema. */
    public static final TypeInformation<Row> ROW_TYPE = ExternalTypeInfo.of(EventSchema.rowType());

    public static final OutputTag<Rejection> REJECTIONS =
            new OutputTag<>("rejections", TypeInformation.of(Rejection.class));

    private final CountingParser parser;

    /** Parses every record. */
    public ParseEvents() {
        this(null);
    }

    /** Skips the records that {@code prefilter} rules out; null parses every record. */
    public ParseEvents(LinePrefilter prefilter) {
        this.parser = new CountingParser(prefilter, false);
    }

    /** Returns the name of the accumulator that counts the rejected records of {@code category}. */
    public static String rejectedIn(RejectionCategory category) {
        return REJECTED_PREFIX + category.label();
    }

    @Override
    public void open(OpenContext openContext) {
        parser.open(getRuntimeContext());
    }

    @Override
    public void processElement(RawRecord raw, Context context, Collector<Row> out) {
        parser.process(
                raw,
                new CountingParser.Output() {
                    @Override
                    public void row(Row row) {
                        out.collect(row);
                    }

                    @Override
                    public void rejection(Rejection rejection) {
                        context.output(REJECTIONS, rejection);
                    }

                    @Override
                    public void skippedTime(LocalDateTime time) {}
                });
    }
}
