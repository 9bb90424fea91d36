package dev.kqlhunt.backfill;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;

import java.io.Serializable;
import java.util.function.Predicate;

/** Keeps the elements that pass a test and counts them in a Flink accumulator. */
final class CountingFilter<T> extends RichFilterFunction<T> {

    /** A test that Flink can ship to its tasks. */
    interface Test<T> extends Predicate<T>, Serializable {}

    private final String counterName;
    private final Test<T> test;
    private transient LongCounter counter;

    CountingFilter(String counterName, Test<T> test) {
        this.counterName = counterName;
        this.test = test;
    }

    @Override
    public void open(OpenContext openContext) {
        counter = new LongCounter();
        getRuntimeContext().addAccumulator(counterName, counter);
    }

    @Override
    public boolean filter(T value) {
        if (!test.test(value)) {
            return false;
        }
        counter.add(1);
        return true;
    }
}
