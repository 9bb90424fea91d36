package dev.kqlhunt.job;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.types.Row;

/** Renders result rows as JSON and counts them under the rule's accumulator. */
public final class CountingJson extends RichMapFunction<Row, String> {

    private final ResultRows rows;
    private final String counterName;
    private transient LongCounter counter;

    public CountingJson(ResultRows rows, String counterName) {
        this.rows = rows;
        this.counterName = counterName;
    }

    @Override
    public void open(OpenContext openContext) {
        counter = new LongCounter();
        getRuntimeContext().addAccumulator(counterName, counter);
    }

    @Override
    public String map(Row row) {
        counter.add(1);
        return rows.toJson(row);
    }
}
