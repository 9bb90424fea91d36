package dev.kqlhunt.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

/** The running state of one alert window: result count, time range and distinct entities. */
public class AlertAccumulator {

    public long resultCount;

    public long firstTicks = Long.MAX_VALUE;

    public long lastTicks = Long.MIN_VALUE;

    /** Each distinct entity with the earliest time it was seen, for a stable order. */
    public Map<Entity, Long> entities = new LinkedHashMap<>();

    /** Results that tuning removed from the window, per exclusion name. */
    public Map<String, Long> excluded = new LinkedHashMap<>();

    public AlertAccumulator() {}

    void add(AlertInput input) {
        if (input.tick) {
            return;
        }
        if (input.excludedBy != null) {
            excluded.merge(input.excludedBy, 1L, Long::sum);
            return;
        }
        resultCount++;
        firstTicks = Math.min(firstTicks, input.ticks);
        lastTicks = Math.max(lastTicks, input.ticks);
        for (Entity entity : input.entities) {
            entities.merge(entity, input.ticks, Math::min);
        }
    }

    void merge(AlertAccumulator other) {
        resultCount += other.resultCount;
        firstTicks = Math.min(firstTicks, other.firstTicks);
        lastTicks = Math.max(lastTicks, other.lastTicks);
        other.entities.forEach((entity, ticks) -> entities.merge(entity, ticks, Math::min));
        other.excluded.forEach((name, count) -> excluded.merge(name, count, Long::sum));
    }
}
