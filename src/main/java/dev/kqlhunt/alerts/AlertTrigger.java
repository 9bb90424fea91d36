package dev.kqlhunt.alerts;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import dev.kqlhunt.output.KqlTime;
import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.Schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the rule's trigger to a closed window and builds its alert: Sentinel's default grouping,
 * one alert per window whose result count satisfies {@code triggerOperator triggerThreshold}.
 */
public class AlertTrigger
        extends ProcessWindowFunction<AlertAccumulator, Alert, String, TimeWindow> {

    private final Rule rule;

    public AlertTrigger(Rule rule) {
        this.rule = rule;
    }

    @Override
    public void process(
            String key,
            Context context,
            Iterable<AlertAccumulator> accumulators,
            Collector<Alert> out) {
        for (AlertAccumulator accumulator : accumulators) {
            Schedule.Window window =
                    new Schedule.Window(context.window().getStart(), context.window().getEnd());
            toAlert(rule, window, accumulator).ifPresent(out::collect);
        }
    }

    /** Returns the window's alert, or nothing when the trigger condition does not hold. */
    public static Optional<Alert> toAlert(
            Rule rule, Schedule.Window window, AlertAccumulator accumulator) {
        if (!rule.triggerOperator().fires(accumulator.resultCount, rule.triggerThreshold())) {
            return Optional.empty();
        }
        List<Map.Entry<Entity, Long>> ordered = new ArrayList<>(accumulator.entities.entrySet());
        ordered.sort(
                Comparator.comparing(Map.Entry<Entity, Long>::getValue)
                        .thenComparing(entry -> entry.getKey().toString()));
        List<Entity> entities = new ArrayList<>();
        for (int i = 0; i < ordered.size() && i < Alert.MAX_ENTITIES; i++) {
            entities.add(ordered.get(i).getKey());
        }
        int omitted = ordered.size() - entities.size();
        boolean empty = accumulator.resultCount == 0;
        return Optional.of(
                new Alert(
                        rule,
                        window,
                        accumulator.resultCount,
                        empty ? window.startMillis() * KqlTime.TICKS_PER_MILLI : accumulator.firstTicks,
                        empty ? window.endMillis() * KqlTime.TICKS_PER_MILLI : accumulator.lastTicks,
                        entities,
                        omitted,
                        accumulator.excluded));
    }
}
