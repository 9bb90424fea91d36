package dev.kqlhunt.stream;

import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.types.Row;

/**
 * Publishes the watermark it receives as the {@link WatchCounters#WATERMARK} accumulator, for
 * the status line. Run with parallelism 1 behind a filter that drops every row, it sees the
 * minimum over all source subtasks, idle ones excluded, which is the watermark the alert windows
 * see, and it receives no rows.
 */
final class WatermarkProbe extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<Row, Void> {

    private static final long serialVersionUID = 1L;

    private transient LongMaximum watermark;

    @Override
    public void open() throws Exception {
        super.open();
        watermark = new LongMaximum();
        getRuntimeContext().addAccumulator(WatchCounters.WATERMARK, watermark);
    }

    @Override
    public void processElement(StreamRecord<Row> element) {}

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark.add(mark.getTimestamp());
        super.processWatermark(mark);
    }
}
