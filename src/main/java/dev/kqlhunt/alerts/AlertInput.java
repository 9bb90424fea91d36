package dev.kqlhunt.alerts;

import java.util.ArrayList;
import java.util.List;

/**
 * What the alert windows see of one query result: its time and its entities. A tick carries only a
 * time and marks a window as evaluated, for triggers that fire on windows without results.
 */
public class AlertInput {

    /** {@code TimeGenerated} of the source row, in 100-nanosecond ticks since the epoch. */
    public long ticks;

    public boolean tick;

    /** The tuning exclusion that removed this result, or null for a result that counts. */
    public String excludedBy;

    public List<Entity> entities = new ArrayList<>();

    public AlertInput() {}

    public static AlertInput result(long ticks, List<Entity> entities) {
        AlertInput input = new AlertInput();
        input.ticks = ticks;
        input.entities = entities;
        return input;
    }

    /** A result that a tuning exclusion removed: the window counts it per exclusion only. */
    public static AlertInput excluded(long ticks, String exclusionName) {
        AlertInput input = new AlertInput();
        input.ticks = ticks;
        input.excludedBy = exclusionName;
        return input;
    }

    public static AlertInput tick(long ticks) {
        AlertInput input = new AlertInput();
        input.ticks = ticks;
        input.tick = true;
        return input;
    }
}
