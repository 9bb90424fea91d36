package dev.kqlhunt.events;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Parses raw records into Event rows and sends rejections to {@link #REJECTIONS}. */
public final class ParseEvents extends ProcessFunction<RawRecord, Row> {

    private static final long serialVersionUID = 1L;

    /** Type of the rows, so they convert to a Table with the Event schema. */
    public static final TypeInformation<Row> ROW_TYPE = ExternalTypeInfo.of(EventSchema.rowType());

    public static final OutputTag<Rejection> REJECTIONS =
            new OutputTag<>("rejections", TypeInformation.of(Rejection.class));

    private final EventParser parser = new EventParser();

    @Override
    public void processElement(RawRecord raw, Context context, Collector<Row> out) {
        parser.parse(
                raw,
                new EventParser.Output() {
                    @Override
                    public void row(Row row) {
                        out.collect(row);
                    }

                    @Override
                    public void rejection(Rejection rejection) {
                        context.output(REJECTIONS, rejection);
                    }
                });
    }
}
