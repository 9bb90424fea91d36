package dev.kqlhunt.alerts;

import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.Schedule;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An alert raised by one rule for one schedule window.
 *
 * @param entities at most {@link #MAX_ENTITIES} distinct entities, earliest first
 * @param entitiesOmitted how many distinct entities were left out above that limit
 * @param excludedByTuning results of the window that tuning removed, per exclusion name
 */
public record Alert(
        Rule rule,
        Schedule.Window window,
        long resultCount,
        long firstTicks,
        long lastTicks,
        List<Entity> entities,
        int entitiesOmitted,
        Map<String, Long> excludedByTuning)
        implements Serializable {

    /** Sentinel keeps at most this many entities in one alert. */
    public static final int MAX_ENTITIES = 500;

    public Alert {
        entities = List.copyOf(entities);
        excludedByTuning = Collections.unmodifiableMap(new TreeMap<>(excludedByTuning));
    }

    /** An alert of a rule without tuning. */
    public Alert(
            Rule rule,
            Schedule.Window window,
            long resultCount,
            long firstTicks,
            long lastTicks,
            List<Entity> entities,
            int entitiesOmitted) {
        this(rule, window, resultCount, firstTicks, lastTicks, entities, entitiesOmitted, Map.of());
    }

    /**
     * Returns an id that depends only on the rule's id and version and on the window, so that
     * hunting the same window again, in batch or streaming, yields the same id.
     */
    public String systemAlertId() {
        return systemAlertId(rule, window);
    }

    public static String systemAlertId(Rule rule, Schedule.Window window) {
        String name =
                String.join(
                        "|",
                        "kql-hunt-alert",
                        rule.id(),
                        rule.version(),
                        Long.toString(window.startMillis()),
                        Long.toString(window.endMillis()));
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
