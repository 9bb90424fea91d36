package dev.kqlhunt.alerts;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds the results of one window into an {@link AlertAccumulator}. */
public class AlertAggregate
        implements AggregateFunction<AlertInput, AlertAccumulator, AlertAccumulator> {

    @Override
    public AlertAccumulator createAccumulator() {
        return new AlertAccumulator();
    }

    @Override
    public AlertAccumulator add(AlertInput value, AlertAccumulator accumulator) {
        accumulator.add(value);
        return accumulator;
    }

    @Override
    public AlertAccumulator getResult(AlertAccumulator accumulator) {
        return accumulator;
    }

    @Override
    public AlertAccumulator merge(AlertAccumulator a, AlertAccumulator b) {
        a.merge(b);
        return a;
    }
}
