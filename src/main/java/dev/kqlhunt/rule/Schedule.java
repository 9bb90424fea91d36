package dev.kqlhunt.rule;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When a scheduled rule runs and what each run looks at: every {@code queryFrequency} the query
 * covers the preceding {@code queryPeriod}.
 *
 * <p>Windows are aligned to the Unix epoch, so a 1d/1d rule evaluates UTC calendar days. A period
 * longer than the frequency gives overlapping (hopping) windows, and a row belongs to every window
 * that covers its {@code TimeGenerated}.
 */
public record Schedule(Duration frequency, Duration period) implements Serializable {

    /** A window [start, end) in epoch milliseconds. */
    public record Window(long startMillis, long endMillis) implements Serializable {

        public Instant start() {
            return Instant.ofEpochMilli(startMillis);
        }

        public Instant end() {
            return Instant.ofEpochMilli(endMillis);
        }
    }

    public long frequencyMillis() {
        return frequency.toMillis();
    }

    public long periodMillis() {
        return period.toMillis();
    }

    public boolean isTumbling() {
        return frequency.equals(period);
    }

    /** Returns every window that covers the instant {@code epochMillis}, earliest first. */
    public List<Window> windowsOf(long epochMillis) {
        long step = frequencyMillis();
        long size = periodMillis();
        long lastStart = Math.floorDiv(epochMillis, step) * step;
        List<Window> windows = new ArrayList<>();
        for (long start = lastStart; start > epochMillis - size; start -= step) {
            windows.add(0, new Window(start, start + size));
        }
        return windows;
    }
}
