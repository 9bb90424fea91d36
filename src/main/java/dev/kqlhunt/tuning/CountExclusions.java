package dev.kqlhunt.tuning;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.types.Row;

import dev.kqlhunt.alerts.AlertInput;
import dev.kqlhunt.output.KqlTime;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the excluded rows of {@link Tuning.Split#excluded()} into alert inputs that the alert
 * windows count per exclusion, and counts them per exclusion under Flink accumulators.
 */
public final class CountExclusions extends RichMapFunction<Row, AlertInput> {

    private final String ruleFolder;
    private final List<String> names;
    private transient Map<String, LongCounter> counters;

    public CountExclusions(String ruleFolder, List<String> names) {
        this.ruleFolder = ruleFolder;
        this.names = List.copyOf(names);
    }

    @Override
    public void open(OpenContext openContext) {
        counters = new HashMap<>();
        // Every applied exclusion gets a counter, so that the summary shows zero counts too.
        for (String name : names) {
            LongCounter counter = new LongCounter();
            getRuntimeContext().addAccumulator(Tuning.counterName(ruleFolder, name), counter);
            counters.put(name, counter);
        }
    }

    @Override
    public AlertInput map(Row row) {
        String name = (String) row.getField(0);
        counters.get(name).add(1);
        return AlertInput.excluded(KqlTime.ticks((LocalDateTime) row.getField(1)), name);
    }
}
