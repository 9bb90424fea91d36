package dev.kqlhunt.tuning;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

import dev.kqlhunt.alerts.AlertInput;
import dev.kqlhunt.output.KqlTime;
import dev.kqlhunt.rule.Rule;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns the excluded rows of {@link Tuning.Split#excluded()} into alert inputs that the alert
 * windows count per exclusion, and counts them per exclusion under Flink accumulators.
 */
public final class CountExclusions extends RichMapFunction<Row, AlertInput> {

    /** Accumulator name by exclusion name, in file order. */
    private final LinkedHashMap<String, String> counterNames = new LinkedHashMap<>();
    private transient Map<String, LongCounter> counters;

    /** Counts under {@link Tuning#counterName(String, String)}, as a hunt reports them. */
    public CountExclusions(String ruleFolder, List<String> names) {
        this(names, name -> Tuning.counterName(ruleFolder, name));
    }

    /**
     * Counts each exclusion under the accumulator that {@code counterName} returns for its name,
     * such as one accumulator per backfill window.
     */
    public CountExclusions(List<String> names, UnaryOperator<String> counterName) {
        for (String name : names) {
            counterNames.put(name, counterName.apply(name));
        }
    }

    /**
     * Converts the excluded rows of {@code rule}, from {@link Tuning.Split#excluded()}, to alert
     * inputs counted per exclusion of {@code tuning}, as a hunt reports them.
     */
    public static DataStream<AlertInput> alertInputs(
            StreamTableEnvironment tableEnv, Table excluded, Rule rule, Tuning tuning) {
        return tableEnv.toDataStream(excluded)
                .map(new CountExclusions(rule.folder(), tuning.names()))
                .name("Excluded by tuning: " + rule.name());
    }

    @Override
    public void open(OpenContext openContext) {
        counters = new HashMap<>();
        // Every applied exclusion gets a counter, so that the summary shows zero counts too.
        counterNames.forEach(
                (name, counterName) -> {
                    LongCounter counter = new LongCounter();
                    getRuntimeContext().addAccumulator(counterName, counter);
                    counters.put(name, counter);
                });
    }

    @Override
    public AlertInput map(Row row) {
        String name = (String) row.getField(0);
        counters.get(name).add(1);
        return AlertInput.excluded(KqlTime.ticks((LocalDateTime) row.getField(1)), name);
    }
}
