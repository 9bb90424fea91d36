package dev.kqlhunt.events;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.EnumMap;
import java.util.Map;

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

    private final EventParser parser = new EventParser();
    private final LinePrefilter prefilter;
    private transient LongCounter read;
    private transient LongCounter evaluated;
    private transient LongCounter rejected;
    private transient LongCounter rows;
    private transient LongCounter skipped;
    private transient Map<RejectionCategory, LongCounter> rejectedByCategory;

    /** Parses every record. */
    public ParseEvents() {
        this(null);
    }

    /** Skips the records that {@code prefilter} rules out; null parses every record. */
    public ParseEvents(LinePrefilter prefilter) {
        this.prefilter = prefilter;
    }

    /** Returns the name of the accumulator that counts the rejected records of {@code category}. */
    public static String rejectedIn(RejectionCategory category) {
        return REJECTED_PREFIX + category.label();
    }

    @Override
    public void open(OpenContext openContext) {
        read = counter(RECORDS_READ);
        evaluated = counter(RECORDS_EVALUATED);
        rejected = counter(RECORDS_REJECTED);
        rows = counter(ROWS);
        skipped = counter(RECORDS_SKIPPED);
        rejectedByCategory = new EnumMap<>(RejectionCategory.class);
        for (RejectionCategory category : RejectionCategory.values()) {
            rejectedByCategory.put(category, counter(rejectedIn(category)));
        }
    }

    private LongCounter counter(String name) {
        LongCounter counter = new LongCounter();
        getRuntimeContext().addAccumulator(name, counter);
        return counter;
    }

    @Override
    public void processElement(RawRecord raw, Context context, Collector<Row> out) {
        if (prefilter != null && !raw.isFailure() && !prefilter.mayMatch(raw.text())) {
            EventParser.SyntaxCheck check = parser.checkSyntax(raw);
            read.add(check.records());
            if (check.rejection() == null) {
                skipped.add(check.records());
            } else {
                rejected.add(1);
                rejectedByCategory.get(check.rejection().category()).add(1);
                context.output(REJECTIONS, check.rejection());
            }
            return;
        }
        long[] produced = {0, 0};
        parser.parse(
                raw,
                new EventParser.Output() {
                    @Override
                    public void row(Row row) {
                        produced[0]++;
                        out.collect(row);
                    }

                    @Override
                    public void rejection(Rejection rejection) {
                        produced[1]++;
                        rejectedByCategory.get(rejection.category()).add(1);
                        context.output(REJECTIONS, rejection);
                    }
                });
        // An Event Hubs envelope contains one record per element, and an empty one is one record.
        long records = Math.max(1, produced[0] + produced[1]);
        read.add(records);
        rows.add(produced[0]);
        rejected.add(produced[1]);
        evaluated.add(records - produced[1]);
    }
}
