package dev.kqlhunt.job;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import dev.kqlhunt.events.EventParser;
import dev.kqlhunt.events.RawRecord;
import dev.kqlhunt.events.Rejection;

/**
 * Turns raw archive records into {@code Event} rows. A record that cannot become a row goes to the
 * {@link #REJECTED} side output with its file, line and reason, so that every record read is
 * either evaluated or reported.
 */
public class ParseEvents extends ProcessFunction<RawRecord, Row> {

    public static final OutputTag<Rejection> REJECTED = new OutputTag<>("rejected") {};

    private final EventParser parser;
    private transient LongCounter read;
    private transient LongCounter parsed;
    private transient LongCounter rejected;

    public ParseEvents(EventParser parser) {
        this.parser = parser;
    }

    @Override
    public void open(OpenContext openContext) {
        read = counter(HuntCounters.RECORDS_READ);
        parsed = counter(HuntCounters.ROWS_PARSED);
        rejected = counter(HuntCounters.REJECTED);
    }

    private LongCounter counter(String name) {
        LongCounter counter = new LongCounter();
        getRuntimeContext().addAccumulator(name, counter);
        return counter;
    }

    @Override
    public void processElement(RawRecord record, Context context, Collector<Row> out) {
        read.add(1);
        EventParser.Result result = parser.parse(record);
        if (result.row() != null) {
            parsed.add(1);
            out.collect(result.row());
        } else {
            rejected.add(1);
            context.output(REJECTED, result.rejection());
        }
    }
}
